// Read side of provisioning for pages and the progress endpoint: DTOs only, never whole rows.
import "server-only";
import { db } from "@/lib/db";
import { qualified } from "./naming";
import { pgPool } from "@/lib/pg";
import { STEP_LABELS, type DeploymentResources, type JobKindName, type LogLine, type ProvisionRequest, type StepName } from "./types";

export type JobSummaryDto = {
  id: string;
  kind: JobKindName;
  status: string;
  createdAt: string;
  finishedAt: string | null;
  error: string | null;
  reason: string;
};

export type DeploymentDto = {
  id: string;
  environment: "staging" | "production";
  status: string;
  productVersion: string | null;
  schemaName: string | null;
  tableName: string | null;
  serviceUrl: string | null;
  resources: DeploymentResources;
  rowCount: RowCount | null;
  promotedFromStaging: boolean;
  confirmedBy: string | null;
  pipeline: {
    type: string;
    schedule: string | null;
    ingestionEndpoint: string;
    lastRunAt: string | null;
    lastRunStatus: string | null;
  } | null;
  lastJob: JobSummaryDto | null;
};

const jobSummary = { id: true, kind: true, status: true, createdAt: true, finishedAt: true, error: true, reason: true } as const;
const toJobSummary = (j: {
  id: string;
  kind: string;
  status: string;
  createdAt: Date;
  finishedAt: Date | null;
  error: string | null;
  reason: string;
}): JobSummaryDto => ({
  id: j.id,
  kind: j.kind as JobKindName,
  status: j.status,
  createdAt: j.createdAt.toISOString(),
  finishedAt: j.finishedAt?.toISOString() ?? null,
  error: j.error,
  reason: j.reason,
});

/** A deployment's row figure; `approximate` when it is the planner's estimate rather than a count. */
export type RowCount = { n: number; approximate: boolean };

// Below this an exact count is cheap, and it is where the estimate misleads: reltuples is -1 before a
// table's first ANALYZE and lags small loads (a freshly loaded 3-row table would read 0).
const EXACT_BELOW = 10_000;

/**
 * Rows in the current table. Runs for every active deployment on each product and ingest page render,
 * so large tables get the planner's estimate (one catalog lookup) instead of a count(*) that scans them.
 */
async function countRows(schema: string, table: string): Promise<RowCount | null> {
  const pool = pgPool();
  const est = await pool
    .query<{ n: number }>(
      "SELECT c.reltuples::float8 AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2",
      [schema, table],
    )
    .catch(() => null);
  if (!est?.rows[0]) return null;
  const estimate = est.rows[0].n;
  if (estimate >= EXACT_BELOW) return { n: Math.round(estimate), approximate: true };
  const client = await pool.connect();
  try {
    await client.query("BEGIN READ ONLY");
    // A table that grew large since its last ANALYZE must not hold the page up.
    await client.query("SET LOCAL statement_timeout = '1s'");
    const r = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${qualified(schema, table)}`);
    await client.query("COMMIT");
    return { n: Number(r.rows[0].n), approximate: false };
  } catch {
    await client.query("ROLLBACK").catch(() => {});
    return estimate > 0 ? { n: Math.round(estimate), approximate: true } : null;
  } finally {
    client.release();
  }
}

export async function listDeployments(productId: string): Promise<DeploymentDto[]> {
  const rows = await db.deployment.findMany({
    where: { productId },
    orderBy: { environment: "asc" },
    select: {
      id: true,
      environment: true,
      status: true,
      productVersion: true,
      schemaName: true,
      tableName: true,
      serviceUrl: true,
      resources: true,
      promotedFromId: true,
      confirmedById: true,
      pipelines: { select: { type: true, schedule: true, ingestionEndpoint: true, lastRunAt: true, lastRunStatus: true } },
      jobs: { orderBy: { createdAt: "desc" }, take: 1, select: jobSummary },
    },
  });
  const confirmers = await db.user.findMany({
    where: { id: { in: rows.map((r) => r.confirmedById).filter((x): x is string => !!x) } },
    select: { id: true, name: true },
  });
  return Promise.all(
    rows.map(async (d) => {
      const p = d.pipelines[0];
      return {
        id: d.id,
        environment: d.environment,
        status: d.status,
        productVersion: d.productVersion,
        schemaName: d.schemaName,
        tableName: d.tableName,
        serviceUrl: d.serviceUrl,
        resources: (d.resources ?? {}) as DeploymentResources,
        rowCount: d.status === "active" && d.schemaName && d.tableName ? await countRows(d.schemaName, d.tableName) : null,
        promotedFromStaging: d.promotedFromId !== null,
        confirmedBy: confirmers.find((u) => u.id === d.confirmedById)?.name ?? null,
        pipeline: p
          ? {
              type: p.type,
              schedule: p.schedule,
              ingestionEndpoint: p.ingestionEndpoint,
              lastRunAt: p.lastRunAt?.toISOString() ?? null,
              lastRunStatus: p.lastRunStatus,
            }
          : null,
        lastJob: d.jobs[0] ? toJobSummary(d.jobs[0]) : null,
      };
    }),
  );
}

export type StepDto = {
  step: StepName;
  label: string;
  status: string;
  durationMs: number | null;
  logs: LogLine[];
  error: string | null;
};

export type JobDto = JobSummaryDto & {
  environment: "staging" | "production";
  product: { domain: string; name: string; owner: string; id: string };
  version: string;
  attempts: number;
  requestedBy: string | null;
  hasPlan: boolean;
  steps: StepDto[];
};

// Polled every second while a job runs, so it selects only what the progress view and job page show:
// never the Terraform plan (getJobPlan loads it when the page renders one).
export async function getJob(jobId: string): Promise<JobDto | null> {
  const j = await db.provisioningJob.findUnique({
    where: { id: jobId },
    select: {
      ...jobSummary,
      attempts: true,
      spec: true,
      requestedById: true,
      deployment: {
        select: { environment: true, product: { select: { id: true, name: true, owner: true, domain: { select: { slug: true } } } } },
      },
      steps: { orderBy: { position: "asc" }, select: { step: true, status: true, durationMs: true, logs: true, error: true } },
    },
  });
  if (!j) return null;
  const kind = j.kind as JobKindName;
  const requester = j.requestedById ? await db.user.findUnique({ where: { id: j.requestedById }, select: { name: true } }) : null;
  return {
    ...toJobSummary(j),
    environment: j.deployment.environment,
    product: {
      id: j.deployment.product.id,
      domain: j.deployment.product.domain.slug,
      name: j.deployment.product.name,
      owner: j.deployment.product.owner,
    },
    version: (j.spec as unknown as ProvisionRequest).spec.version,
    attempts: j.attempts,
    requestedBy: requester?.name ?? null,
    // Provision and promote jobs are always created with a plan, deprovision jobs never (see createJob's
    // callers), so the kind says it without reading the plan.
    hasPlan: kind !== "deprovision",
    steps: j.steps.map((s) => ({
      step: s.step as StepName,
      label: STEP_LABELS[kind][s.step as StepName] ?? s.step,
      status: s.status,
      durationMs: s.durationMs,
      logs: (s.logs ?? []) as LogLine[],
      error: s.error,
    })),
  };
}

export async function getJobPlan(
  jobId: string,
): Promise<{ plan: unknown; domain: string; name: string; environment: string; owner: string } | null> {
  const j = await db.provisioningJob.findUnique({
    where: { id: jobId },
    select: {
      plan: true,
      deployment: { select: { environment: true, product: { select: { name: true, owner: true, domain: { select: { slug: true } } } } } },
    },
  });
  if (!j || j.plan === null) return null;
  return {
    plan: j.plan,
    domain: j.deployment.product.domain.slug,
    name: j.deployment.product.name,
    environment: j.deployment.environment,
    owner: j.deployment.product.owner,
  };
}

export async function listJobs(
  productId: string,
  page = 1,
  pageSize = 10,
): Promise<{ rows: (JobSummaryDto & { environment: string })[]; total: number }> {
  const where = { deployment: { productId } };
  const [rows, total] = await Promise.all([
    db.provisioningJob.findMany({
      where,
      orderBy: { createdAt: "desc" },
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: { ...jobSummary, deployment: { select: { environment: true } } },
    }),
    db.provisioningJob.count({ where }),
  ]);
  return { rows: rows.map((r) => ({ ...toJobSummary(r), environment: r.deployment.environment })), total };
}
