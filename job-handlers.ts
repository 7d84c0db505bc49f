// Every area's job handlers and recovery sweeps, listed by explicit import: the one place that says what
// the job worker runs (lib/jobs/worker.ts knows no feature). It sits above lib/ and imports the
// feature areas, as the composition root of the worker.
import "server-only";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { recoverInterruptedLoads } from "@/lib/ingestion/recover-loads";
import { healthProbeCron, runHealthProbe } from "@/lib/metrics/health-probe";
import { recoverRevalidationRuns, runRevalidation } from "@/lib/governance/revalidation/process-run.db";
import { runDuePipelines } from "@/lib/provisioning/pipeline-run";
import { recoverStalledJobs } from "@/lib/provisioning/recover-jobs";
import { runProvisioningJob } from "@/lib/provisioning/run-job";
import { expireGrants, warnExpiringGrants } from "@/lib/consumers/expire-grants";
import { MONITOR_SCHEDULES, runMonitorRule } from "@/lib/governance/compliance/monitor/run-rule.db";
import { deliverWebhook, recoverWebhookDeliveries, sendNotificationEmail } from "@/lib/notifications/server";
import { refreshUsageRanks } from "@/lib/metrics/usage-rank";
import { refreshCatalogWords } from "@/lib/products/catalog-words";
import {
  COMPLIANCE_ACCESS_QUEUE,
  COMPLIANCE_QUALITY_QUEUE,
  COMPLIANCE_RETENTION_QUEUE,
  EMAIL_QUEUE,
  GRANT_EXPIRY_QUEUE,
  requestAccessCheck,
  type ComplianceMessage,
  HEALTH_PROBE_QUEUE,
  PIPELINE_SCHEDULER_QUEUE,
  PROVISIONING_QUEUE,
  REVALIDATION_QUEUE,
  USAGE_RANK_QUEUE,
  WEBHOOK_QUEUE,
  type EmailMessage,
  type ProvisioningMessage,
  type RevalidationMessage,
  type WebhookMessage,
} from "@/lib/jobs/queue";
import { runWorker, type JobHandler, type Sweep, type Worker } from "@/lib/jobs/worker";

/** Re-validation handlers per process: a run's batches are shared by every handler of every worker. */
const REVALIDATION_HANDLERS = 2;

export function jobHandlers(concurrency: number): JobHandler[] {
  return [
    {
      queue: PROVISIONING_QUEUE,
      handlers: concurrency,
      options: { batchSize: 1, pollingIntervalSeconds: 1 },
      wakeOnSend: true,
      run: async ({ jobId }: ProvisioningMessage) => {
        const result = await runProvisioningJob(jobId);
        logger.info({ jobId, result }, "provisioning job handled");
        return { result };
      },
    },
    {
      // Policy-save and "re-validate all" runs (lib/governance/run-revalidation.ts), beside the provisioning jobs.
      queue: REVALIDATION_QUEUE,
      handlers: REVALIDATION_HANDLERS,
      options: { batchSize: 1, pollingIntervalSeconds: 1 },
      wakeOnSend: true,
      run: async ({ runId }: RevalidationMessage) => {
        const result = await runRevalidation(runId);
        logger.info({ runId, ...result }, "re-validation handler done");
        return result;
      },
    },
    {
      queue: PIPELINE_SCHEDULER_QUEUE,
      options: { pollingIntervalSeconds: 30 },
      cron: () => "*/15 * * * *",
      run: async () => ({ ran: await runDuePipelines() }),
    },
    {
      // The health probe as a cluster-wide cron job, where a timer in every server process probed once per
      // process. Cron counts whole minutes: HEALTH_PROBE_INTERVAL_S is rounded as healthProbeCron explains;
      // 0 removes the schedule.
      queue: HEALTH_PROBE_QUEUE,
      options: { pollingIntervalSeconds: 30 },
      cron: () => healthProbeCron(env().HEALTH_PROBE_INTERVAL_S),
      run: async () => {
        try {
          return { probed: (await runHealthProbe()).length };
        } catch (err) {
          // pg-boss only stores the failure; the log is where an operator looks.
          logger.error({ err }, "health probe failed");
          throw err;
        }
      },
    },
    {
      // The catalog's usage ranking (data_products.reads_30d) from the rollups, and its spelling vocabulary
      // without the words no product has any more, once an hour for the cluster.
      queue: USAGE_RANK_QUEUE,
      options: { pollingIntervalSeconds: 60 },
      cron: () => "7 * * * *",
      run: async () => ({ changed: await refreshUsageRanks(), ...(await refreshCatalogWords()) }),
    },
    {
      // Access grants past their expiry: reads stop at the instant anyway; this ends the grant, drops its SQL
      // login and tells the consumer (audit event, "expired" on My access). Cron's finest grain: every minute.
      queue: GRANT_EXPIRY_QUEUE,
      options: { pollingIntervalSeconds: 30 },
      cron: () => "* * * * *",
      run: async () => {
        const result = await expireGrants();
        // Ended grants dropped their logins: the access-control rule checks the privileges again now.
        if (result.expired > 0) await requestAccessCheck("grant-expiry");
        return { ...result, ...(await warnExpiringGrants()) };
      },
    },
    {
      // One attempt per message; failures schedule the next attempt themselves (lib/notifications/backoff.ts).
      queue: WEBHOOK_QUEUE,
      handlers: 2,
      options: { batchSize: 1, pollingIntervalSeconds: 2 },
      wakeOnSend: true,
      run: async (msg: WebhookMessage) => deliverWebhook(msg),
    },
    {
      // Throws on an SMTP failure, so pg-boss retries with backoff.
      queue: EMAIL_QUEUE,
      options: { batchSize: 1, pollingIntervalSeconds: 5 },
      run: async (msg: EmailMessage) => sendNotificationEmail(msg),
    },
    // The compliance monitor: retention daily, data quality hourly, access control every minute (and when a
    // grant change asks, with its own slot). Each run claims its slot, so several workers never repeat one.
    ...(
      [
        [COMPLIANCE_RETENTION_QUEUE, "retention"],
        [COMPLIANCE_QUALITY_QUEUE, "quality"],
        [COMPLIANCE_ACCESS_QUEUE, "access"],
      ] as const
    ).map(([queue, rule]) => ({
      queue,
      options: { pollingIntervalSeconds: 30 },
      wakeOnSend: rule === "access",
      cron: () => MONITOR_SCHEDULES[rule],
      run: async (message: ComplianceMessage | null) => {
        try {
          const outcome = await runMonitorRule(rule, { slot: message?.slot });
          return outcome.ran ? { slot: outcome.slot, ...outcome.report } : { slot: outcome.slot, skipped: "another worker ran this slot" };
        } catch (err) {
          logger.error({ err, rule }, "compliance monitor rule failed");
          throw err;
        }
      },
    })),
  ];
}

// Jobs left running by a crashed worker are recovered at once; queued ones after a grace period.
// Re-validation runs too: at once at start, then by the sweep only once they stall.
// Loads a crashed process left "running" (their rows already rolled back) are marked failed.
export const SWEEPS: Sweep[] = [
  { failure: "recovery sweep failed", run: ({ atStart }) => recoverStalledJobs(atStart ? { queuedOlderThanMs: 0 } : {}) },
  { failure: "load recovery failed", run: () => recoverInterruptedLoads() },
  { failure: "webhook recovery failed", run: () => recoverWebhookDeliveries() },
  { failure: "re-validation recovery failed", run: ({ atStart }) => recoverRevalidationRuns(atStart ? { stalledForMs: 0 } : {}) },
];

/** Starts the job worker once per process (later calls get the same one). */
export function startWorker(opts: { concurrency?: number } = {}): Promise<Worker> {
  return runWorker(jobHandlers(opts.concurrency ?? env().WORKER_CONCURRENCY), SWEEPS);
}
