// The job handler the queue calls: runs a provisioning job's pending steps in order. Safe to call any
// number of times for the same job, from any number of workers:
// - a session advisory lock per deployment lets one worker at a time work on it (a crashed worker's
//   lock disappears with its connection);
// - succeeded steps are skipped, so a resumed job continues where it stopped;
// - each step's changes and its "succeeded" record commit in one transaction, so a crash mid-step
//   leaves nothing behind and the step simply runs again.
import "server-only";
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { DatabaseError } from "pg";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { recordMetricEvent } from "@/lib/metrics/server";
import { publishEvent } from "@/lib/notifications/server";
import { deploymentLockKey } from "./naming";
import { newPgClient, type PgClient } from "@/lib/pg";
import { StepError, stepTable, type StepOutcome } from "./steps";
import type { DeploymentResources, JobKindName, LogLine, ProvisionRequest, StepName } from "./types";

export type RunResult = "completed" | "failed" | "busy" | "nothing-to-do";

const FINISHED = new Set(["succeeded", "failed", "cancelled"]);

async function appendLog(stepId: string, message: string, level: LogLine["level"] = "info"): Promise<void> {
  const line: LogLine = { at: new Date().toISOString(), level, message };
  await db.$executeRaw`UPDATE provisioning_steps SET logs = logs || ${JSON.stringify([line])}::jsonb WHERE id = ${stepId}::uuid`;
}

/** A message fit for the product owner: expected failures verbatim, database errors by message only. */
function describeFailure(e: unknown): string {
  if (e instanceof StepError) return e.message;
  if (e instanceof DatabaseError) return `PostgreSQL refused: ${e.message}`;
  const correlationId = randomUUID();
  logger.error({ err: e, correlationId }, "provisioning step failed unexpectedly");
  return `Unexpected error (reference ${correlationId})`;
}

async function loadDeployment(client: PgClient, id: string) {
  const r = await client.query<{
    id: string;
    environment: string;
    schema_name: string | null;
    table_name: string | null;
    resources: DeploymentResources;
  }>("SELECT id, environment::text, schema_name, table_name, resources FROM deployments WHERE id = $1 FOR UPDATE", [id]);
  const row = r.rows[0];
  return {
    id: row.id,
    environment: row.environment,
    schemaName: row.schema_name,
    tableName: row.table_name,
    resources: row.resources ?? {},
  };
}

async function recordStepSuccess(
  client: PgClient,
  stepId: string,
  deploymentId: string,
  outcome: StepOutcome,
  durationMs: number,
): Promise<void> {
  await client.query(
    "UPDATE provisioning_steps SET status = 'succeeded', finished_at = now(), duration_ms = $2, output = $3::jsonb, error = NULL WHERE id = $1",
    [stepId, durationMs, JSON.stringify(outcome.output)],
  );
  const d = outcome.deployment;
  if (!d) return;
  await client.query(
    `UPDATE deployments SET
        schema_name = CASE WHEN $2 THEN $3 ELSE schema_name END,
        table_name = CASE WHEN $4 THEN $5 ELSE table_name END,
        service_url = CASE WHEN $6 THEN $7 ELSE service_url END,
        resources = jsonb_strip_nulls(resources || $8::jsonb),
        updated_at = now()
      WHERE id = $1`,
    [
      deploymentId,
      d.schemaName !== undefined,
      d.schemaName ?? null,
      d.tableName !== undefined,
      d.tableName ?? null,
      d.serviceUrl !== undefined,
      d.serviceUrl ?? null,
      JSON.stringify(d.resources ?? {}),
    ],
  );
}

export async function runProvisioningJob(jobId: string): Promise<RunResult> {
  const job = await db.provisioningJob.findUnique({ where: { id: jobId }, select: { status: true, deploymentId: true } });
  if (!job || FINISHED.has(job.status)) return "nothing-to-do";
  const client = await newPgClient("meshport-provisioning");
  const lockKey = deploymentLockKey(job.deploymentId).toString();
  try {
    const locked = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1::bigint) AS ok", [lockKey]);
    if (!locked.rows[0].ok) return "busy";
    try {
      return await runLocked(client, jobId);
    } finally {
      await client.query("SELECT pg_advisory_unlock($1::bigint)", [lockKey]).catch(() => {});
    }
  } finally {
    await client.end().catch(() => {});
  }
}

async function runLocked(client: PgClient, jobId: string): Promise<RunResult> {
  // Read again under the lock: another worker may have finished the job meanwhile.
  const job = await db.provisioningJob.findUniqueOrThrow({
    where: { id: jobId },
    select: {
      id: true,
      kind: true,
      status: true,
      spec: true,
      createdAt: true,
      startedAt: true,
      requestedById: true,
      deploymentId: true,
      deployment: { select: { productId: true, environment: true, product: { select: { domainId: true } } } },
      steps: { orderBy: { position: "asc" }, select: { id: true, step: true, status: true } },
    },
  });
  if (FINISHED.has(job.status)) return "nothing-to-do";
  const kind = job.kind as JobKindName;
  const request = job.spec as unknown as ProvisionRequest;
  const impl = stepTable(kind);
  const delayMs = env().PROVISION_STEP_DELAY_MS;

  await db.provisioningJob.update({
    where: { id: jobId },
    data: { status: "running", startedAt: job.startedAt ?? new Date(), attempts: { increment: 1 }, error: null },
  });
  await db.deployment.update({
    where: { id: job.deploymentId },
    data: { status: kind === "deprovision" ? "deprovisioning" : "provisioning" },
  });

  for (const step of job.steps) {
    if (step.status === "succeeded" || step.status === "skipped") continue;
    const interrupted = step.status === "running";
    await db.provisioningStep.update({
      where: { id: step.id },
      data: { status: "running", startedAt: new Date(), finishedAt: null, error: null },
    });
    await appendLog(step.id, interrupted ? "Resuming: the previous attempt was interrupted and rolled back" : "Started");
    const started = performance.now();
    try {
      await client.query("BEGIN");
      await client.query("SET LOCAL lock_timeout = '30s'");
      const deployment = await loadDeployment(client, job.deploymentId);
      const outcome = await impl[step.step as StepName]({
        client,
        jobId,
        kind,
        request,
        deployment,
        log: (message, level) => appendLog(step.id, message, level),
      });
      if (delayMs > 0) await sleep(delayMs);
      await recordStepSuccess(client, step.id, job.deploymentId, outcome, Math.round(performance.now() - started));
      await client.query("COMMIT");
    } catch (e) {
      await client.query("ROLLBACK").catch(() => {});
      const message = describeFailure(e);
      const durationMs = Math.round(performance.now() - started);
      await db.provisioningStep.update({
        where: { id: step.id },
        data: { status: "failed", finishedAt: new Date(), durationMs, error: message },
      });
      await appendLog(step.id, message, "error");
      await finish(job, "failed", `${step.step} failed: ${message}`);
      return "failed";
    }
  }
  await finish(job, "succeeded", null);
  return "completed";
}

type JobForFinish = {
  id: string;
  kind: string;
  createdAt: Date;
  requestedById: string | null;
  deploymentId: string;
  spec: unknown;
  deployment: { productId: string; environment: string; product: { domainId: string } };
};

async function finish(job: JobForFinish, status: "succeeded" | "failed", error: string | null): Promise<void> {
  const finishedAt = new Date();
  const request = job.spec as ProvisionRequest;
  const deprovision = job.kind === "deprovision";
  await db.$transaction([
    db.provisioningJob.update({ where: { id: job.id }, data: { status, finishedAt, error } }),
    db.deployment.update({
      where: { id: job.deploymentId },
      data:
        status === "failed"
          ? { status: "failed" }
          : deprovision
            ? { status: "deprovisioned", serviceUrl: null }
            : { status: "active", productVersion: request.spec.version },
    }),
  ]);
  await recordMetricEvent({
    type: "provisioning_run",
    productId: job.deployment.productId,
    domainId: job.deployment.product.domainId,
    userId: job.requestedById,
    durationMs: finishedAt.getTime() - job.createdAt.getTime(),
    status: status === "succeeded" ? 0 : 1,
    meta: { kind: job.kind, environment: job.deployment.environment, jobId: job.id },
  }).catch((err: unknown) => logger.warn({ err }, "could not record provisioning metric"));
  if (status === "failed") {
    // The product's owners and whoever asked for the job hear of it (publishEvent never throws).
    const product = await db.dataProduct.findUnique({
      where: { id: job.deployment.productId },
      select: { id: true, name: true, domain: { select: { slug: true } } },
    });
    if (product)
      await publishEvent({
        type: "provisioning.failed",
        product: { id: product.id, domain: product.domain.slug, name: product.name },
        jobId: job.id,
        environment: job.deployment.environment,
        error: error ?? "",
        requestedById: job.requestedById,
      });
  }
}
