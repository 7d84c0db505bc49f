// One provisioning job: live step progress with all log lines, retry from the failed step, and the
// Terraform plan for the cloud targets (download; plan only, never applied).
import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { productPath } from "@/lib/products/dto";
import { getVisibleJob } from "@/lib/provisioning/job-access";
import { getJobPlan, listJobs } from "@/lib/provisioning/queries";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { Pagination } from "@/components/ui/pagination";
import { Table, Td, Th } from "@/components/ui/table";
import { JobProgress } from "@/components/provisioning/job-progress";
import { RetryButton } from "@/app/(portal)/products/[domain]/[product]/components/deployment-actions";
import { formatUtc } from "@/lib/format";
import { statusTone } from "@/components/provisioning/format";
import { parsePage } from "@/lib/pagination";
import { ProductBreadcrumb } from "@/app/(portal)/products/[domain]/[product]/components/product-breadcrumb";

export const metadata: Metadata = { title: "Provisioning job" };

type Params = Promise<{ domain: string; product: string; jobId: string }>;

const PAGE_SIZE = 10;

export default async function JobPage({ params, searchParams }: { params: Params; searchParams: Promise<{ page?: string }> }) {
  const user = await requirePageUser();
  const { domain, product, jobId } = await params;
  const job = await getVisibleJob(user, jobId).catch((e: unknown) => {
    if (e instanceof NotFoundError) notFound();
    if (e instanceof ForbiddenError) forbidden();
    throw e;
  });
  if (job.product.domain !== domain || job.product.name !== product) notFound();
  const ref = { domain, name: product };
  const base = productPath(ref);
  const manage = can.provisionProduct(user, { domain });
  const page = parsePage((await searchParams).page);
  const [plan, history] = await Promise.all([job.hasPlan ? getJobPlan(job.id) : null, listJobs(job.product.id, page, PAGE_SIZE)]);
  const planText = plan ? JSON.stringify(plan.plan, null, 2) : "";
  const kindLabel = job.kind === "deprovision" ? "Deprovisioning" : job.kind === "promote" ? "Promotion" : "Provisioning";

  return (
    <>
      <ProductBreadcrumb
        domain={domain}
        name={product}
        page={[{ label: "Deployments", href: `${base}/deployments` }, { label: `${kindLabel} · ${job.environment}` }]}
      />
      <PageHeader
        title={`${kindLabel} · ${job.environment}`}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span className="font-mono">v{job.version}</span>
            <Badge tone={statusTone[job.status] ?? "gray"}>{job.status}</Badge>
            <span>
              requested {formatUtc(job.createdAt)}
              {job.requestedBy ? ` by ${job.requestedBy}` : ""}
            </span>
            {job.attempts > 1 && <span>· {job.attempts} attempts (resumed)</span>}
          </span>
        }
      />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[3fr_2fr]">
        <Card title="Steps" className="min-w-0">
          <JobProgress jobId={job.id} initial={job} detail />
          {manage && job.status === "failed" && (
            <div className="mt-4 border-t border-slate-100 pt-4">
              <RetryButton product={ref} jobId={job.id} />
            </div>
          )}
        </Card>
        <div className="min-w-0 space-y-6">
          {plan && (
            <Card title="Cloud plan (Terraform JSON)">
              <p className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-sm font-medium text-amber-900 ring-1 ring-amber-200">
                Plan only — not applied.
              </p>
              <p className="mb-3 text-sm text-slate-600">
                The same four steps for the cloud targets of the platform configuration (S3, Glue, Databricks or Kinesis/Flink, API Gateway,
                Lake Formation). Review it and apply it with Terraform in your cloud account.
              </p>
              <a
                className="inline-flex items-center rounded-md px-3 py-2 text-sm font-medium text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50"
                href={`/api/provisioning/jobs/${job.id}/plan`}
                download
              >
                Download plan (.tf.json)
              </a>
              <details className="mt-3">
                <summary className="cursor-pointer text-sm text-slate-600">Preview</summary>
                <pre className="mt-2 max-h-96 overflow-auto rounded bg-slate-50 p-2 text-xs">{planText}</pre>
              </details>
            </Card>
          )}
          <Card title="Jobs of this product">
            <Table>
              <thead>
                <tr>
                  <Th>When</Th>
                  <Th>Job</Th>
                  <Th>Status</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {history.rows.map((h) => (
                  <tr key={h.id} className={h.id === job.id ? "bg-brand-50" : undefined}>
                    <Td className="whitespace-nowrap text-xs">{formatUtc(h.createdAt)}</Td>
                    <Td>
                      <Link className="text-brand-700 hover:underline" href={`${base}/deployments/${h.id}`}>
                        {h.kind} {h.environment}
                      </Link>
                    </Td>
                    <Td>
                      <Badge tone={statusTone[h.status] ?? "gray"}>{h.status}</Badge>
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
            <Pagination page={page} pageSize={PAGE_SIZE} total={history.total} basePath={`${base}/deployments/${job.id}`} params={{}} />
          </Card>
        </div>
      </div>
    </>
  );
}
