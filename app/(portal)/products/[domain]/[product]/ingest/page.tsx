// Loading data into a provisioned product (owners only): CSV upload with progress, or a JSON batch,
// into staging or production; and the history of loads with their rejected rows.
import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { env } from "@/lib/env";
import { productPath } from "@/lib/products/dto";
import { getProduct } from "@/lib/products/queries";
import { listLoads } from "@/lib/ingestion/ingest";
import { formatLimit } from "@/lib/ingestion/limits";
import { listDeployments } from "@/lib/provisioning/queries";
import { Badge } from "@/components/ui/badge";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Pagination } from "@/components/ui/pagination";
import { Table, Td, Th } from "@/components/ui/table";
import { CsvUploadForm, JsonBatchForm } from "./components/upload-form";
import { formatUtc } from "@/lib/format";
import { statusTone } from "@/components/provisioning/format";
import { formatBytes } from "@/lib/format";
import { cn } from "@/lib/cn";
import { parsePage } from "@/lib/pagination";
import { ProductBreadcrumb } from "@/app/(portal)/products/[domain]/[product]/components/product-breadcrumb";

export const metadata: Metadata = { title: "Load data" };

const PAGE_SIZE = 10;
const SAMPLE: Record<string, unknown> = {
  string: "text",
  integer: 1,
  number: 1.5,
  boolean: true,
  date: "2026-01-31",
  timestamp: "2026-01-31T09:00:00Z",
  json: { key: "value" },
};

export default async function IngestPage({
  params,
  searchParams,
}: {
  params: Promise<{ domain: string; product: string }>;
  searchParams: Promise<{ env?: string; page?: string }>;
}) {
  const user = await requirePageUser();
  const { domain, product: name } = await params;
  const product = await getProduct(domain, name);
  if (!product) notFound();
  if (!can.provisionProduct(user, { domain })) forbidden();
  const sp = await searchParams;
  const page = parsePage(sp.page);
  const deployments = (await listDeployments(product.id)).filter((d) => d.status === "active");
  const requested = deployments.find((d) => d.environment === sp.env);
  const target = requested ?? deployments.find((d) => d.environment === "production") ?? deployments[0];
  const loads = await listLoads(product.id, page, PAGE_SIZE);
  const base = productPath(product);
  const endpoint = target ? `/api/ingest/${domain}/${name}?env=${target.environment}` : "";
  const header = product.spec.schema.map((f) => f.name).join(",");
  const example = JSON.stringify([Object.fromEntries(product.spec.schema.map((f) => [f.name, SAMPLE[f.type]]))], null, 2);

  return (
    <>
      <ProductBreadcrumb domain={domain} name={name} page="Load data" />
      <PageHeader
        title="Load data"
        description="Rows are checked against the schema's types and required fields. A load is all-or-nothing: one bad row and nothing is written."
      />
      {!target ? (
        <EmptyState>
          {name} is not provisioned yet.{" "}
          <Link className="text-brand-700 underline" href={base}>
            Provision it to staging
          </Link>{" "}
          first.
        </EmptyState>
      ) : (
        <>
          <nav aria-label="Environment" className="mb-4 flex flex-wrap gap-2 text-sm">
            {deployments.map((d) => (
              <Link
                key={d.environment}
                href={`?env=${d.environment}`}
                aria-current={d.environment === target.environment ? "page" : undefined}
                className={cn(
                  "rounded-full px-3 py-1 ring-1",
                  d.environment === target.environment ? "bg-brand-600 text-white ring-brand-600" : "ring-slate-300 hover:bg-slate-100",
                )}
              >
                {d.environment} · {d.schemaName}.{d.tableName} · {d.rowCount?.approximate ? "≈ " : ""}
                {(d.rowCount?.n ?? 0).toLocaleString("en")} rows
              </Link>
            ))}
          </nav>
          <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
            <Card title={`Upload a CSV into ${target.environment}`} className="min-w-0">
              <p className="mb-3 text-sm text-slate-600">
                Expected header: <code className="break-all text-xs">{header}</code>. Columns may come in any order; optional ones may be
                left out. At most {formatLimit(env().INGEST_MAX_BYTES)}.
              </p>
              <CsvUploadForm key={endpoint} endpoint={endpoint} maxBytes={env().INGEST_MAX_BYTES} />
            </Card>
            <Card title="Or post a JSON batch" className="min-w-0">
              <p className="mb-3 text-sm text-slate-600">
                Up to 10 MB: <code className="text-xs">POST {endpoint}</code> with{" "}
                <code className="text-xs">Content-Type: application/json</code>.
              </p>
              <JsonBatchForm key={endpoint} endpoint={endpoint} example={example} />
            </Card>
          </div>
        </>
      )}
      <Card title="Loads" className="mt-6">
        {loads.total === 0 ? (
          <p className="text-sm text-slate-600">No loads yet.</p>
        ) : (
          <>
            <Table>
              <thead>
                <tr>
                  <Th>Started</Th>
                  <Th>Env</Th>
                  <Th>Dataset</Th>
                  <Th>Format</Th>
                  <Th>Status</Th>
                  <Th>Rows loaded</Th>
                  <Th>Size</Th>
                  <Th>By</Th>
                  <Th>Problems</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {loads.rows.map((l) => (
                  <tr key={l.id}>
                    <Td className="whitespace-nowrap text-xs">{formatUtc(l.startedAt)}</Td>
                    <Td>{l.environment}</Td>
                    {/* Loads recorded before loads named their dataset all went to the first one. */}
                    <Td className="break-all font-mono text-xs">{l.dataset ?? "—"}</Td>
                    <Td>{l.format}</Td>
                    <Td>
                      <Badge tone={statusTone[l.status] ?? "gray"}>{l.status}</Badge>
                    </Td>
                    <Td className="text-right">{l.rowsLoaded.toLocaleString("en")}</Td>
                    <Td className="whitespace-nowrap">{formatBytes(l.bytes)}</Td>
                    <Td>{l.user ?? "—"}</Td>
                    <Td>
                      {l.errors.length === 0 ? (
                        "—"
                      ) : (
                        <details>
                          <summary className="cursor-pointer text-xs text-red-700">
                            {l.errors.length}
                            {l.errors.length === 100 ? "+" : ""}
                          </summary>
                          <ul className="mt-1 space-y-0.5 text-xs">
                            {l.errors.slice(0, 20).map((e, i) => (
                              <li key={i}>
                                {e.row > 0 ? `${l.format === "csv" ? "line" : "row"} ${e.row}: ` : ""}
                                {e.reason}
                              </li>
                            ))}
                          </ul>
                        </details>
                      )}
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
            <Pagination page={page} pageSize={PAGE_SIZE} total={loads.total} basePath={`${base}/ingest`} params={{ env: sp.env }} />
          </>
        )}
      </Card>
    </>
  );
}
