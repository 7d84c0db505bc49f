// Read side of provisioning for pages and the progress endpoint: DTOs only, never whole rows.
import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { isoTimestamp } from "@/lib/sql";
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
// The exact count stops here, so a table that grew large since its last ANALYZE cannot hold the page up
// (it then shows the larger of the estimate and this bound, as an estimate).
const COUNT_CAP = 100_000;

type DeploymentRow = {
  id: string;
  environment: "staging" | "production";
  status: string;
  product_version: string | null;
  schema_name: string | null;
  table_name: string | null;
  service_url: string | null;
  resources: DeploymentResources | null;
  promoted: boolean;
  confirmed_by: string | null;
  estimate: number | null;
  exact: number | null;
  pipeline: {
    type: string;
    schedule: string | null;
    ingestionEndpoint: string;
    lastRunAt: string | null;
    lastRunStatus: string | null;
  } | null;
  last_job: JobSummaryDto | null;
  job_detail: {
    attempts: number;
    version: string;
    requestedBy: string | null;
    product: { id: string; domain: string; name: string; owner: string };
    steps: { step: string; status: string; durationMs: number | null; logs: LogLine[] | null; error: string | null }[];
  } | null;
};

function deploymentsSql(productId: string, opts: { withJobDetail: boolean; exactCounts: boolean }): Prisma.Sql {
  // The exact count runs inside this statement (query_to_xml runs the dynamic count), bounded by COUNT_CAP,
  // and not while someone holds the table exclusively (a replacing load, DDL): then the estimate stands.
  return Prisma.sql`
    SELECT d.id, d.environment::text AS environment, d.status::text AS status, d.product_version, d.schema_name,
           d.table_name, d.service_url, d.resources, d.promoted_from_id IS NOT NULL AS promoted, cu.name AS confirmed_by,
           rc.estimate,
           CASE WHEN ${opts.exactCounts}::boolean AND rc.estimate < ${EXACT_BELOW}::int
                     AND NOT EXISTS (SELECT 1 FROM pg_locks l WHERE l.relation = rc.oid AND l.mode = 'AccessExclusiveLock')
                THEN (xpath('/row/n/text()', query_to_xml(
                        format('SELECT count(*) AS n FROM (SELECT FROM %I.%I LIMIT %s) t', d.schema_name, d.table_name, ${COUNT_CAP}::int),
                        false, true, '')))[1]::text::int END AS exact,
           (SELECT json_build_object('type', pl.type, 'schedule', pl.schedule, 'ingestionEndpoint', pl.ingestion_endpoint,
                                     'lastRunAt', ${isoTimestamp(Prisma.sql`pl.last_run_at`)}, 'lastRunStatus', pl.last_run_status)
              FROM pipelines pl WHERE pl.deployment_id = d.id LIMIT 1) AS pipeline,
           CASE WHEN j.id IS NULL THEN NULL ELSE json_build_object(
             'id', j.id, 'kind', j.kind, 'status', j.status, 'createdAt', ${isoTimestamp(Prisma.sql`j.created_at`)},
             'finishedAt', ${isoTimestamp(Prisma.sql`j.finished_at`)}, 'error', j.error, 'reason', j.reason) END AS last_job,
           CASE WHEN j.id IS NULL OR NOT ${opts.withJobDetail}::boolean THEN NULL ELSE json_build_object(
             'attempts', j.attempts,
             'version', j.spec -> 'spec' ->> 'version',
             'requestedBy', (SELECT u.name FROM users u WHERE u.id = j.requested_by_id),
             'product', (SELECT json_build_object('id', p.id, 'domain', dm.slug, 'name', p.name, 'owner', p.owner)
                           FROM data_products p JOIN domains dm ON dm.id = p.domain_id WHERE p.id = d.product_id),
             'steps', (SELECT coalesce(json_agg(json_build_object('step', s.step, 'status', s.status, 'durationMs', s.duration_ms,
                                                                  'logs', s.logs, 'error', s.error) ORDER BY s.position), '[]'::json)
                         FROM provisioning_steps s WHERE s.job_id = j.id)) END AS job_detail
    FROM deployments d
    LEFT JOIN users cu ON cu.id = d.confirmed_by_id
    LEFT JOIN LATERAL (
      SELECT c.oid, c.reltuples::float8 AS estimate FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE d.status = 'active' AND n.nspname = d.schema_name AND c.relname = d.table_name) rc ON true
    LEFT JOIN LATERAL (
      SELECT * FROM provisioning_jobs pj WHERE pj.deployment_id = d.id ORDER BY pj.created_at DESC LIMIT 1) j ON true
    WHERE d.product_id = ${productId}::uuid
    ORDER BY d.environment`;
}

function rowCount(r: DeploymentRow): RowCount | null {
  if (r.status !== "active" || !r.schema_name || !r.table_name || r.estimate === null) return null;
  const estimate = r.estimate;
  if (estimate >= EXACT_BELOW) return { n: Math.round(estimate), approximate: true };
  if (r.exact !== null && r.exact < COUNT_CAP) return { n: r.exact, approximate: false };
  if (r.exact !== null) return { n: Math.max(Math.round(estimate), COUNT_CAP), approximate: true };
  return estimate > 0 ? { n: Math.round(estimate), approximate: true } : null;
}

/**
 * A product's deployments with their pipeline, last job and row figures, in one statement. With
 * `withJobDetail` each last job also comes as the progress view's JobDto (what getJob returns), so the
 * product page renders live progress without a query per environment.
 */
export async function listDeployments(
  productId: string,
  opts: { withJobDetail?: boolean } = {},
): Promise<(DeploymentDto & { lastJobDetail: JobDto | null })[]> {
  const withJobDetail = opts.withJobDetail ?? false;
  // A table dropped between the catalog lookup and its count fails the statement: read again without counts.
  const rows = await db
    .$queryRaw<DeploymentRow[]>(deploymentsSql(productId, { withJobDetail, exactCounts: true }))
    .catch(() => db.$queryRaw<DeploymentRow[]>(deploymentsSql(productId, { withJobDetail, exactCounts: false })));
  return rows.map((d) => {
    const job = d.last_job ? { ...d.last_job, kind: d.last_job.kind } : null;
    const detail = d.job_detail;
    return {
      id: d.id,
      environment: d.environment,
      status: d.status,
      productVersion: d.product_version,
      schemaName: d.schema_name,
      tableName: d.table_name,
      serviceUrl: d.service_url,
      resources: (d.resources ?? {}) as DeploymentResources,
      rowCount: rowCount(d),
      promotedFromStaging: d.promoted,
      confirmedBy: d.confirmed_by,
      pipeline: d.pipeline,
      lastJob: job,
      lastJobDetail:
        job && detail
          ? {
              ...job,
              environment: d.environment,
              product: detail.product,
              version: detail.version,
              attempts: detail.attempts,
              requestedBy: detail.requestedBy,
              hasPlan: job.kind !== "deprovision",
              steps: detail.steps.map((s) => stepDto(job.kind, s)),
            }
          : null,
    };
  });
}

function stepDto(
  kind: JobKindName,
  s: { step: string; status: string; durationMs: number | null; logs: unknown; error: string | null },
): StepDto {
  return {
    step: s.step as StepName,
    label: STEP_LABELS[kind][s.step as StepName] ?? s.step,
    status: s.status,
    durationMs: s.durationMs,
    logs: (s.logs ?? []) as LogLine[],
    error: s.error,
  };
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
    steps: j.steps.map((s) => stepDto(kind, s)),
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
