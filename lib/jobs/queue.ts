// The durable queue: pg-boss 10 in its own `pgboss` schema of the portal's database. One instance per
// process, started on first use. Every queue of every area is created here. Messages only carry ids; the
// truth (steps, status) lives in the area's tables (provisioning_jobs, revalidation_runs), so a lost or
// duplicated message never loses or repeats work. Handlers: job-handlers.ts.
import "server-only";
import PgBoss from "pg-boss";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";

export const PROVISIONING_QUEUE = "provisioning";
export const PIPELINE_SCHEDULER_QUEUE = "pipeline-scheduler";
/** The cluster-wide health probe (lib/metrics/health-probe.ts), scheduled by the worker. */
export const HEALTH_PROBE_QUEUE = "health-probe";
/** Ends expired access grants (lib/consumers/expire-grants.ts), every minute, cluster-wide. */
export const GRANT_EXPIRY_QUEUE = "grant-expiry";
export type ProvisioningMessage = { jobId: string };
/** Hourly: copy each product's reads of the last 30 days onto it, for the catalog's usage ranking. */
export const USAGE_RANK_QUEUE = "usage-rank";
/** Re-validation runs (lib/governance/revalidation/process-run.db.ts); the truth is in revalidation_runs/_batches. */
export const REVALIDATION_QUEUE = "revalidation";
export type RevalidationMessage = { runId: string };

const globalForBoss = globalThis as unknown as { meshportBoss?: Promise<PgBoss> };

async function ensureQueue(boss: PgBoss, name: string, options: Omit<PgBoss.Queue, "name">): Promise<void> {
  if (await boss.getQueue(name)) return;
  try {
    await boss.createQueue(name, { name, ...options });
  } catch (e) {
    // Another process created it between our check and insert.
    if (!(await boss.getQueue(name))) throw e;
  }
}

async function start(): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: env().DATABASE_URL, schema: "pgboss", max: 4, application_name: "meshport-queue" });
  boss.on("error", (err) => logger.error({ err }, "pg-boss error"));
  await boss.start();
  // "short": at most one waiting message per job id, so re-enqueueing a job that is already waiting is a no-op.
  await ensureQueue(boss, PROVISIONING_QUEUE, { policy: "short", retryLimit: 3, retryDelay: 5, expireInSeconds: 3600 });
  await ensureQueue(boss, PIPELINE_SCHEDULER_QUEUE, { policy: "short", retryLimit: 0, expireInSeconds: 600 });
  // "short" here: ticks missed while no worker ran do not pile up.
  await ensureQueue(boss, HEALTH_PROBE_QUEUE, { policy: "short", retryLimit: 0, expireInSeconds: 600 });
  await ensureQueue(boss, GRANT_EXPIRY_QUEUE, { policy: "short", retryLimit: 0, expireInSeconds: 600 });
  await ensureQueue(boss, USAGE_RANK_QUEUE, { policy: "short", retryLimit: 0, expireInSeconds: 600 });
  // "short" with one key per run and slot: a re-sent message for a slot that is still waiting is a no-op.
  await ensureQueue(boss, REVALIDATION_QUEUE, { policy: "short", retryLimit: 3, retryDelay: 5, expireInSeconds: 3600 });
  return boss;
}

export function getBoss(): Promise<PgBoss> {
  if (!globalForBoss.meshportBoss) {
    globalForBoss.meshportBoss = start().catch((e: unknown) => {
      globalForBoss.meshportBoss = undefined;
      throw e;
    });
  }
  return globalForBoss.meshportBoss;
}

/** Puts a provisioning job on the queue (a no-op when a message for it is already waiting). */
export async function enqueueProvisioningJob(jobId: string): Promise<void> {
  const boss = await getBoss();
  await boss.send(PROVISIONING_QUEUE, { jobId } satisfies ProvisioningMessage, { singletonKey: jobId });
  notifyLocalWorkers?.();
}

/**
 * Puts `slots` messages for a re-validation run on the queue: each handler claims the run's batches until
 * none is left, so several workers share one run. Re-sending (recovery) is safe for the same reason.
 */
export async function enqueueRevalidationRun(runId: string, slots = 1, key = "start"): Promise<void> {
  const boss = await getBoss();
  for (let i = 0; i < slots; i++) {
    await boss.send(REVALIDATION_QUEUE, { runId } satisfies RevalidationMessage, { singletonKey: `${runId}:${key}:${i}` });
  }
  notifyLocalWorkers?.();
}

/** Set by the worker in this process, so a job sent here starts without waiting for the next poll. */
let notifyLocalWorkers: (() => void) | undefined;
export function setLocalWorkerNotifier(fn: (() => void) | undefined): void {
  notifyLocalWorkers = fn;
}

export async function stopQueue(): Promise<void> {
  const pending = globalForBoss.meshportBoss;
  globalForBoss.meshportBoss = undefined;
  if (pending) await (await pending).stop({ graceful: true, wait: true, timeout: 10_000 });
}
