// The durable queue: pg-boss 10 in its own `pgboss` schema of the portal's database. One instance per
// process, started on first use. Every queue of every area is created here. Messages only carry ids; the
// truth (steps, status) lives in the area's tables (provisioning_jobs, revalidation_runs), so a lost or
// duplicated message never loses or repeats work. Handlers: job-handlers.ts.
import "server-only";
import PgBoss from "pg-boss";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import type { Tx } from "@/lib/db";

export const PROVISIONING_QUEUE = "provisioning";
export const PIPELINE_SCHEDULER_QUEUE = "pipeline-scheduler";
/** The cluster-wide health probe (lib/metrics/health-probe.ts), scheduled by the worker. */
export const HEALTH_PROBE_QUEUE = "health-probe";
/** Ends expired access grants (lib/consumers/expire-grants.ts), every minute, cluster-wide. */
export const GRANT_EXPIRY_QUEUE = "grant-expiry";
export type ProvisioningMessage = { jobId: string };
/**
 * The compliance monitor's rules (lib/governance/compliance/monitor), each on its own cron schedule. A message
 * may carry an explicit slot (an access check asked for after a grant change); otherwise the rule runs for
 * the current time's slot, claimed once across workers (monitor_runs).
 */
export const COMPLIANCE_RETENTION_QUEUE = "compliance-retention";
export const COMPLIANCE_QUALITY_QUEUE = "compliance-quality";
export const COMPLIANCE_ACCESS_QUEUE = "compliance-access";
export type ComplianceMessage = { slot?: string };
/** Hourly: copy each product's reads of the last 30 days onto it, for the catalog's usage ranking. */
export const USAGE_RANK_QUEUE = "usage-rank";
/** Re-validation runs (lib/governance/revalidation/process-run.db.ts); the truth is in revalidation_runs/_batches. */
export const REVALIDATION_QUEUE = "revalidation";
export type RevalidationMessage = { runId: string };
/** One webhook delivery attempt (lib/notifications/deliver-webhook.ts); the truth is in webhook_deliveries. */
export const WEBHOOK_QUEUE = "webhook-delivery";
export type WebhookMessage = { deliveryId: string; attempt: number };
/** One notification e-mail (lib/notifications/send-email.ts). */
export const EMAIL_QUEUE = "notification-email";
export type EmailMessage = { eventId: string; userId: string };

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
  for (const queue of [COMPLIANCE_RETENTION_QUEUE, COMPLIANCE_QUALITY_QUEUE, COMPLIANCE_ACCESS_QUEUE])
    await ensureQueue(boss, queue, { policy: "short", retryLimit: 0, expireInSeconds: 3600 });
  await ensureQueue(boss, USAGE_RANK_QUEUE, { policy: "short", retryLimit: 0, expireInSeconds: 600 });
  // "short" with one key per run and slot: a re-sent message for a slot that is still waiting is a no-op.
  await ensureQueue(boss, REVALIDATION_QUEUE, { policy: "short", retryLimit: 3, retryDelay: 5, expireInSeconds: 3600 });
  // Webhooks retry on their own schedule (a new message per attempt, lib/notifications/backoff.ts): the
  // handler records every attempt, so pg-boss itself never retries them.
  await ensureQueue(boss, WEBHOOK_QUEUE, { policy: "standard", retryLimit: 0, expireInSeconds: 120 });
  // An SMTP server that is down: pg-boss's own exponential backoff (30 s, 60 s, 120 s …).
  await ensureQueue(boss, EMAIL_QUEUE, { policy: "standard", retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 120 });
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

/**
 * Asks for an access-control check now (after a grant was made, revoked or expired): its own slot, so it runs
 * even when this minute's scheduled check already did; at most one such request waits at a time.
 */
export async function requestAccessCheck(reason: string): Promise<void> {
  const boss = await getBoss();
  const slot = `event:${new Date().toISOString()}:${reason}`.slice(0, 200);
  await boss.send(COMPLIANCE_ACCESS_QUEUE, { slot } satisfies ComplianceMessage, { singletonKey: "event" });
  notifyLocalWorkers?.();
}

/** What pg-boss needs to write through another connection: a Prisma transaction, so jobs commit with it. */
export type QueueDb = { executeSql(text: string, values: unknown[]): Promise<{ rows: unknown[] }> };

/** pg-boss writing through a Prisma transaction: the jobs commit (or vanish) with it. */
export function queueDbOf(tx: Tx): QueueDb {
  return {
    executeSql: async (text, values) => ({
      rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values.map((v) => (v === undefined ? null : v))),
    }),
  };
}

export type QueuedJob = { name: string; data: object; startAfter?: Date; singletonKey?: string };

/**
 * Puts many jobs on their queues in one statement. With `via` (a transaction's executor) they become
 * visible only when that transaction commits, and vanish with it when it rolls back.
 */
export async function enqueueJobs(jobs: QueuedJob[], via?: QueueDb): Promise<void> {
  if (jobs.length === 0) return;
  const boss = await getBoss();
  const rows = jobs.map((j) => ({
    name: j.name,
    data: j.data,
    ...(j.startAfter ? { startAfter: j.startAfter.toISOString() } : {}),
    ...(j.singletonKey ? { singletonKey: j.singletonKey } : {}),
  }));
  if (via) await boss.insert(rows, { db: via as PgBoss.Db });
  else await boss.insert(rows);
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
