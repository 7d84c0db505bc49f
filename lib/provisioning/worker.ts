// The provisioning worker: pg-boss workers that run jobs, plus a recovery sweep that re-queues jobs
// whose worker died (status still queued/running, yet nobody holds the deployment's lock) and closes
// ingestion loads whose process died mid-COPY (lib/ingestion/recover-loads.ts), the handlers of re-validation
// runs (lib/governance/revalidation/process-run.db.ts) and their recovery, and the cluster-wide cron
// jobs (pipeline scheduler, health probe). Runs inside the portal (instrumentation.ts) and standalone
// (scripts/worker.ts).
import "server-only";
import type PgBoss from "pg-boss";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { deploymentLockKey } from "./naming";
import { newPgClient } from "./pg";
import { runDuePipelines } from "./pipeline-run";
import {
  HEALTH_PROBE_QUEUE,
  PIPELINE_SCHEDULER_QUEUE,
  PROVISIONING_QUEUE,
  REVALIDATION_QUEUE,
  enqueueProvisioningJob,
  getBoss,
  setLocalWorkerNotifier,
  stopQueue,
  type ProvisioningMessage,
  type RevalidationMessage,
} from "./queue";
import { runProvisioningJob } from "./run-job";
import { recoverInterruptedLoads } from "@/lib/ingestion/recover-loads";
import { healthProbeCron, runHealthProbe } from "@/lib/metrics/health-probe";
import { recoverRevalidationRuns, runRevalidation } from "@/lib/governance/revalidation/process-run.db";

/** Re-validation handlers per process: a run's batches are shared by every handler of every worker. */
const REVALIDATION_HANDLERS = 2;

export type Worker = { stop: () => Promise<void> };

const globalForWorker = globalThis as unknown as { meshportWorker?: Promise<Worker> };

/** Re-queues jobs that should be running but that no live worker holds. Returns how many. */
export async function recoverStalledJobs(opts: { queuedOlderThanMs?: number } = {}): Promise<number> {
  const cutoff = new Date(Date.now() - (opts.queuedOlderThanMs ?? 60_000));
  const jobs = await db.provisioningJob.findMany({
    where: { OR: [{ status: "running" }, { status: "queued", createdAt: { lt: cutoff } }] },
    select: { id: true, deploymentId: true },
  });
  if (jobs.length === 0) return 0;
  const client = await newPgClient("meshport-recovery");
  let recovered = 0;
  try {
    for (const job of jobs) {
      const key = deploymentLockKey(job.deploymentId).toString();
      const r = await client.query<{ free: boolean }>("SELECT pg_try_advisory_lock($1::bigint) AS free", [key]);
      if (!r.rows[0].free) continue; // a live worker is on it
      await client.query("SELECT pg_advisory_unlock($1::bigint)", [key]);
      await enqueueProvisioningJob(job.id);
      recovered++;
    }
  } finally {
    await client.end().catch(() => {});
  }
  if (recovered > 0) logger.info({ recovered }, "re-queued interrupted provisioning jobs");
  return recovered;
}

/**
 * The health probe as a cluster-wide cron job (pg-boss sends one message per tick, whichever process
 * holds the cron lock), where a timer in every server process probed once per process. Cron counts whole
 * minutes: HEALTH_PROBE_INTERVAL_S is rounded as healthProbeCron explains; 0 removes the schedule.
 */
async function scheduleHealthProbe(boss: PgBoss): Promise<void> {
  const cron = healthProbeCron(env().HEALTH_PROBE_INTERVAL_S);
  if (!cron) {
    // Schedules live in the database: one left by an earlier start would otherwise keep firing.
    await boss.unschedule(HEALTH_PROBE_QUEUE);
    return;
  }
  await boss.work(HEALTH_PROBE_QUEUE, { pollingIntervalSeconds: 30 }, async () => {
    try {
      return { probed: (await runHealthProbe()).length };
    } catch (err) {
      // pg-boss only stores the failure; the log is where an operator looks.
      logger.error({ err }, "health probe failed");
      throw err;
    }
  });
  await boss.schedule(HEALTH_PROBE_QUEUE, cron);
}

async function startWorkerOnce(concurrency: number): Promise<Worker> {
  const boss = await getBoss();
  const ids: string[] = [];
  // pg-boss 10 runs one fetch loop per work() call: N calls = N jobs in parallel.
  for (let i = 0; i < concurrency; i++) {
    ids.push(
      await boss.work<ProvisioningMessage>(PROVISIONING_QUEUE, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
        const result = await runProvisioningJob(job.data.jobId);
        logger.info({ jobId: job.data.jobId, result }, "provisioning job handled");
        return { result };
      }),
    );
  }
  // Policy-save and "re-validate all" runs (lib/governance/revalidation/process-run.db.ts), beside the provisioning jobs.
  for (let i = 0; i < REVALIDATION_HANDLERS; i++) {
    ids.push(
      await boss.work<RevalidationMessage>(REVALIDATION_QUEUE, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
        const result = await runRevalidation(job.data.runId);
        logger.info({ runId: job.data.runId, ...result }, "re-validation handler done");
        return result;
      }),
    );
  }
  setLocalWorkerNotifier(() => ids.forEach((id) => boss.notifyWorker(id)));
  await boss.work(PIPELINE_SCHEDULER_QUEUE, { pollingIntervalSeconds: 30 }, async () => ({ ran: await runDuePipelines() }));
  await boss.schedule(PIPELINE_SCHEDULER_QUEUE, "*/15 * * * *");
  await scheduleHealthProbe(boss);

  // Jobs left running by a crashed worker are recovered at once; queued ones after a grace period.
  // Re-validation runs too: at once here, then by the sweep only once they stall.
  // Loads a crashed process left "running" (their rows already rolled back) are marked failed.
  await recoverStalledJobs({ queuedOlderThanMs: 0 }).catch((err: unknown) => logger.error({ err }, "recovery sweep failed"));
  await recoverInterruptedLoads().catch((err: unknown) => logger.error({ err }, "load recovery failed"));
  await recoverRevalidationRuns({ stalledForMs: 0 }).catch((err: unknown) => logger.error({ err }, "re-validation recovery failed"));
  const sweep = setInterval(() => {
    recoverStalledJobs().catch((err: unknown) => logger.error({ err }, "recovery sweep failed"));
    recoverInterruptedLoads().catch((err: unknown) => logger.error({ err }, "load recovery failed"));
    recoverRevalidationRuns().catch((err: unknown) => logger.error({ err }, "re-validation recovery failed"));
  }, 30_000);
  sweep.unref();
  logger.info({ concurrency }, "provisioning worker started");

  return {
    stop: async () => {
      clearInterval(sweep);
      setLocalWorkerNotifier(undefined);
      globalForWorker.meshportWorker = undefined;
      await stopQueue();
    },
  };
}

/** Starts the worker once per process (later calls get the same one). */
export function startWorker(opts: { concurrency?: number } = {}): Promise<Worker> {
  globalForWorker.meshportWorker ??= startWorkerOnce(opts.concurrency ?? env().WORKER_CONCURRENCY).catch((e: unknown) => {
    globalForWorker.meshportWorker = undefined;
    throw e;
  });
  return globalForWorker.meshportWorker;
}
