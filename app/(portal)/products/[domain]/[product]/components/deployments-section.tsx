// The product page's "Deployments" section: staging and production side by side (the seed's deployment
// phase), each with status, where the data lives, endpoints, pipeline, the last job's live progress and
// what the owner can do next.
import Link from "next/link";
import { can } from "@/lib/auth/permissions";
import type { CurrentUser } from "@/lib/auth/current-user";
import { productPath } from "@/lib/products/dto";
import { listDeployments, type DeploymentDto, type JobDto } from "@/lib/provisioning/queries";
import { endpointsFor } from "@/lib/provisioning/build-request";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { formatUtc } from "@/lib/format";
import { isActiveJob, statusTone } from "@/components/provisioning/format";
import { JobProgress } from "@/components/provisioning/job-progress";
import { DeprovisionForm, PromoteForm, ProvisionButton, RetryButton, RunPipelineButton } from "./deployment-actions";

type ProductRefDto = { id: string; domain: string; name: string; owner: string; version: string; lifecycle: string };

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-1 gap-0.5 py-1.5 sm:grid-cols-[9rem_1fr] sm:gap-3">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="min-w-0 break-words text-sm text-slate-800">{children}</dd>
    </div>
  );
}

function EnvironmentCard({
  env,
  d,
  product,
  manage,
  view,
  stagingVersion,
}: {
  env: "staging" | "production";
  d: (DeploymentDto & { lastJobDetail: JobDto | null }) | undefined;
  product: ProductRefDto;
  manage: boolean;
  view: boolean;
  stagingVersion?: string | null;
}) {
  const ref = { domain: product.domain, name: product.name };
  const status = d?.status ?? "not provisioned";
  const job = d?.lastJob;
  const running = isActiveJob(job?.status);
  // Loaded with the deployments (listDeployments withJobDetail), so live progress costs no query of its own.
  const initial = job && view ? d.lastJobDetail : null;
  const live = d && d.status !== "deprovisioned" && d.status !== "pending";
  const base = productPath(ref);
  return (
    <section
      aria-labelledby={`env-${env}`}
      className="min-w-0 rounded-lg p-4 ring-1 ring-slate-200"
      data-testid={`deployment-${env}`}
      data-status={status}
    >
      <header className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <h3 id={`env-${env}`} className="text-sm font-semibold capitalize text-slate-900">
          {env}
        </h3>
        <Badge tone={statusTone[status] ?? "gray"}>{status}</Badge>
      </header>
      {live ? (
        <dl className="divide-y divide-slate-100">
          {d.productVersion && (
            <Row label="Version">
              v{d.productVersion}
              {d.promotedFromStaging && env === "production"
                ? ` · promoted from staging${d.confirmedBy ? `, confirmed by ${d.confirmedBy}` : ""}`
                : ""}
              {d.productVersion !== product.version && (
                <span className="mt-1 block text-xs font-medium text-amber-800" data-testid={`outdated-${env}`}>
                  Older than the product (v{product.version}): {env} still serves the v{d.productVersion} schema.{" "}
                  {env === "staging" ? "Provision again to update it." : "Promote an updated staging to update it."}
                </span>
              )}
            </Row>
          )}
          {d.schemaName && (
            <Row label="Table">
              <code className="text-xs">
                {d.schemaName}.{d.tableName ?? "—"}
              </code>
              {/* Kept so an owner can recover data after a breaking change: an owner's concern, so readers
                  are not offered them. */}
              {manage && (d.resources.previousTables ?? []).length > 0 && (
                <span className="block text-xs text-slate-500">
                  Tables of older major versions, kept after breaking changes: {d.resources.previousTables!.join(", ")}
                </span>
              )}
            </Row>
          )}
          {d.rowCount !== null && (
            <Row label="Rows">
              <span data-testid={`rows-${env}`} title={d.rowCount.approximate ? "Estimate from the table's planner statistics" : undefined}>
                {d.rowCount.approximate ? "≈ " : ""}
                {d.rowCount.n.toLocaleString("en")}
              </span>
              {env === "production" && d.promotedFromStaging && d.rowCount.n === 0 && (
                <span className="block text-xs text-amber-800" data-testid="promotion-empty">
                  Promotion copies the table&apos;s structure, not staging&apos;s rows: load data into production or run its pipeline.
                </span>
              )}
            </Row>
          )}
          {d.serviceUrl && (
            <Row label="Read endpoint">
              <a className="font-mono text-xs text-brand-700 hover:underline" href={d.serviceUrl}>
                GET {d.serviceUrl}
              </a>
            </Row>
          )}
          {d.pipeline && (
            <Row label="Pipeline">
              {d.pipeline.type}, {d.pipeline.schedule ?? "manual"}
              <span className="block font-mono text-xs text-slate-500">POST {d.pipeline.ingestionEndpoint}</span>
              {d.pipeline.lastRunStatus && (
                <span className="block text-xs text-slate-500">
                  Last run {formatUtc(d.pipeline.lastRunAt)}: {d.pipeline.lastRunStatus}
                </span>
              )}
            </Row>
          )}
          {(d.resources.roles ?? []).length > 0 && (
            <Row label="Roles">
              <ul className="space-y-0.5">
                {d.resources.roles!.map((r) => (
                  <li key={r.roleName} className="text-xs">
                    <code>{r.roleName}</code>: {r.privileges.length > 0 ? r.privileges.join(", ") : "no access (policy)"}
                  </li>
                ))}
              </ul>
            </Row>
          )}
        </dl>
      ) : (
        <p className="text-sm text-slate-600">
          {env === "staging"
            ? "Nothing is provisioned yet. Provisioning creates a schema, a table from the schema fields, roles with grants from the policy, a pipeline and endpoints."
            : "Production is provisioned by promoting a validated staging deployment."}
        </p>
      )}
      {job && view && (
        <div className="mt-3 border-t border-slate-100 pt-3">
          <p className="mb-1 text-xs text-slate-500">
            Last job: {job.kind} ·{" "}
            <Link className="text-brand-700 hover:underline" href={`${base}/deployments/${job.id}`}>
              details, logs{job.kind !== "deprovision" ? " and Terraform plan" : ""}
            </Link>
          </p>
          {job.reason && <p className="mb-1 break-words text-xs text-slate-600">Reason: {job.reason}</p>}
          {initial ? (
            <JobProgress key={job.id} jobId={job.id} initial={initial} />
          ) : (
            <p className="text-sm">
              <Badge tone={statusTone[job.status] ?? "gray"}>{job.status}</Badge>{" "}
              <span className="text-xs text-slate-500">{formatUtc(job.finishedAt ?? job.createdAt)}</span>
            </p>
          )}
        </div>
      )}
      {manage && !running && (
        <div className="mt-3 flex flex-col gap-3 border-t border-slate-100 pt-3">
          {job?.status === "failed" && <RetryButton product={ref} jobId={job.id} />}
          {env === "staging" && product.lifecycle !== "retired" && <ProvisionButton product={ref} again={!!live} />}
          {env === "production" && product.lifecycle !== "retired" && stagingVersion !== undefined && (
            <PromoteForm product={ref} version={stagingVersion} />
          )}
          {d?.status === "active" && (
            <div className="flex flex-wrap items-start gap-2">
              <ButtonLink variant="secondary" href={`${base}/ingest?env=${env}`}>
                Load data
              </ButtonLink>
              {d.pipeline && <RunPipelineButton product={ref} environment={env} />}
            </div>
          )}
          {d && live && <DeprovisionForm product={ref} environment={env} />}
        </div>
      )}
    </section>
  );
}

export async function DeploymentsSection({ product, user }: { product: ProductRefDto; user: CurrentUser }) {
  const ref = { domain: product.domain, owner: product.owner };
  const manage = can.provisionProduct(user, ref);
  const view = can.viewDeployments(user, ref);
  const deployments = await listDeployments(product.id, { withJobDetail: view });
  const staging = deployments.find((d) => d.environment === "staging");
  const production = deployments.find((d) => d.environment === "production");
  const planned = endpointsFor(product.domain, product.name, "production");
  return (
    <Card
      title="Deployments"
      className="mb-6"
      actions={
        <Link href="/platform/capabilities" className="text-sm text-brand-700 hover:underline">
          What provisioning creates
        </Link>
      }
    >
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <EnvironmentCard env="staging" d={staging} product={product} manage={manage} view={view} />
        <EnvironmentCard
          env="production"
          d={production}
          product={product}
          manage={manage}
          view={view}
          stagingVersion={staging?.status === "active" ? staging.productVersion : undefined}
        />
      </div>
      {!production?.serviceUrl && (
        <p className="mt-3 text-xs text-slate-500">
          Once in production, consumers read it at <code>GET {planned.read}</code>.
        </p>
      )}
    </Card>
  );
}
