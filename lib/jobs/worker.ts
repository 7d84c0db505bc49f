// The job worker: runs the handlers it is given on their pg-boss queues, schedules the cluster-wide cron
// jobs and runs the recovery sweeps (at start, then every 30 s). It knows no feature: every area's
// handlers and sweeps are listed in one place, job-handlers.ts, which starts it. Runs inside the
// portal (instrumentation.ts) and standalone (scripts/worker.ts).
import "server-only";
import type PgBoss from "pg-boss";
import { logger } from "@/lib/logger";
import { getBoss, setLocalWorkerNotifier, stopQueue } from "./queue";

/** One queue's handler. `handlers` fetch loops run in parallel per process (pg-boss 10: one per work() call). */
export type JobHandler = {
  queue: string;
  handlers?: number;
  options: PgBoss.WorkOptions;
  /** Reads its own message shape (`never` here so any handler fits; the queue is what pairs them). */
  run: (data: never) => Promise<object>;
  /** A job sent from this process wakes these handlers at once instead of at their next poll. */
  wakeOnSend?: boolean;
  /** A cluster-wide cron schedule (one message per tick, whichever process holds the cron lock). `null`
   *  removes a schedule an earlier start left in the database and registers no handler. */
  cron?: () => string | null;
};

/** A recovery sweep: `atStart` is true for the run at start, which need not wait for a grace period. */
export type Sweep = { failure: string; run: (opts: { atStart: boolean }) => Promise<unknown> };

export type Worker = { stop: () => Promise<void> };

const SWEEP_INTERVAL_MS = 30_000;

const globalForWorker = globalThis as unknown as { meshportWorker?: Promise<Worker> };

async function startOnce(handlers: readonly JobHandler[], sweeps: readonly Sweep[]): Promise<Worker> {
  const boss = await getBoss();
  const wake: string[] = [];
  for (const h of handlers) {
    const cron = h.cron?.();
    if (cron === null) {
      // Schedules live in the database: one left by an earlier start would otherwise keep firing.
      await boss.unschedule(h.queue);
      continue;
    }
    for (let i = 0; i < (h.handlers ?? 1); i++) {
      const id = await boss.work<unknown>(h.queue, h.options, async ([job]) => h.run(job.data as never));
      if (h.wakeOnSend) wake.push(id);
    }
    if (h.wakeOnSend) setLocalWorkerNotifier(() => wake.forEach((id) => boss.notifyWorker(id)));
    if (cron !== undefined) await boss.schedule(h.queue, cron);
  }

  // At start one after the other; later every interval, each on its own.
  for (const s of sweeps) await s.run({ atStart: true }).catch((err: unknown) => logger.error({ err }, s.failure));
  const timer = setInterval(() => {
    for (const s of sweeps) s.run({ atStart: false }).catch((err: unknown) => logger.error({ err }, s.failure));
  }, SWEEP_INTERVAL_MS);
  timer.unref();
  logger.info({ handlers: Object.fromEntries(handlers.map((h) => [h.queue, h.handlers ?? 1])) }, "job worker started");

  return {
    stop: async () => {
      clearInterval(timer);
      setLocalWorkerNotifier(undefined);
      globalForWorker.meshportWorker = undefined;
      await stopQueue();
    },
  };
}

/** Starts the worker once per process (later calls get the same one). */
export function runWorker(handlers: readonly JobHandler[], sweeps: readonly Sweep[]): Promise<Worker> {
  globalForWorker.meshportWorker ??= startOnce(handlers, sweeps).catch((e: unknown) => {
    globalForWorker.meshportWorker = undefined;
    throw e;
  });
  return globalForWorker.meshportWorker;
}
