// "Data" on a product page: the first rows as the user may see them (read through readProductData, so the
// same decision and masking as the read API), and how to read it from code: curl, Python and psql with the
// product's real endpoint. A product with several datasets gets a dataset picker (links, ?dataset=<key>, so no
// JS is needed) once the read is allowed; the rows and the snippets are the chosen dataset's.
import Link from "next/link";
import { headers } from "next/headers";
import type { CurrentUser } from "@/lib/auth/current-user";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { readProductData, servedEnvironments, type ReadResult } from "@/lib/provisioning/read-data";
import { sqlEndpoint } from "@/lib/consumers/sql-credentials";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { CopyBlock } from "@/components/ui/copy-block";
import type { AccessVerdict } from "@/lib/consumers/access-path";
import { readSnippets } from "@/lib/api/read-snippets";
import { cn } from "@/lib/cn";

const PREVIEW_ROWS = 10;

async function origin(): Promise<string> {
  const configured = env().PUBLIC_URL?.replace(/\/$/, "");
  if (configured) return configured;
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  return `${h.get("x-forwarded-proto") ?? "http"}://${host}`;
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return "";
  return typeof v === "object" ? JSON.stringify(v) : String(v);
}

/** The page's own address with `dataset` set (the first dataset: none), keeping its other parameters (?tab=). */
function datasetHref(basePath: string, query: Record<string, string | undefined>, dataset: string | null): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && k !== "dataset") params.set(k, v);
  if (dataset !== null) params.set("dataset", dataset);
  const search = params.toString();
  return `${basePath}${search ? `?${search}` : ""}#data`;
}

export async function DataPreviewSection({
  product,
  user,
  verdict,
  basePath,
  query = {},
}: {
  product: { id: string; domain: string; name: string };
  user: CurrentUser;
  verdict: AccessVerdict;
  /** The product page's path, for the dataset picker's links. */
  basePath: string;
  /** The page's search parameters: `dataset` picks the dataset shown; the others are kept by the picker. */
  query?: Record<string, string | undefined>;
}) {
  const envs = await servedEnvironments(product.id);
  const environment = envs[0];
  let result: ReadResult | null = null;
  let problem: string | null = null;
  if (!environment) problem = "Not provisioned yet: there is no data to preview.";
  else if (verdict.kind === "grantable" || verdict.kind === "never") problem = "The preview shows once you can read this product.";
  else {
    try {
      result = await readProductData(user, {
        domain: product.domain,
        name: product.name,
        environment,
        limit: PREVIEW_ROWS,
        offset: 0,
        via: "preview",
        dataset: query.dataset,
      });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      problem = e.message;
    }
  }
  // The REST API v1 read (a bearer token from /tokens): a keyset-cursor page, the next one at `nextCursor`.
  const datasets = result?.datasets ?? [];
  const shown = result?.page.dataset ?? null;
  const snippets = readSnippets({
    origin: await origin(),
    domain: product.domain,
    name: product.name,
    environment: environment ?? "production",
    dataset: datasets.length > 1 ? shown : null,
    sql: sqlEndpoint(),
    relation: result?.sqlRelation ?? null,
  });
  return (
    // The id is the dataset picker's anchor: a pick reloads the page and comes back here.
    <div id="data" className="scroll-mt-4">
      <Card title="Data" className="mb-6">
        <div className="space-y-4 text-sm" data-testid="data-preview">
          {result && datasets.length > 1 && (
            <nav aria-label="Dataset" className="flex flex-wrap gap-2" data-testid="dataset-picker">
              {datasets.map((key, i) => (
                <Link
                  key={key}
                  href={datasetHref(basePath, query, i === 0 ? null : key)}
                  aria-current={key === shown ? "page" : undefined}
                  className={cn(
                    "max-w-full break-all rounded-full px-3 py-1 font-mono text-xs ring-1",
                    key === shown ? "bg-brand-600 text-white ring-brand-600" : "ring-slate-300 hover:bg-slate-100",
                  )}
                >
                  {key}
                </Link>
              ))}
            </nav>
          )}
          {result ? (
            <div>
              <p className="mb-2 text-slate-600">
                {result.page.total === 0
                  ? "No rows yet"
                  : `First ${Math.min(PREVIEW_ROWS, result.page.rows.length)} of ${result.page.total.toLocaleString("en")} rows`}
                {datasets.length > 1 && (
                  <>
                    {" "}
                    {result.page.total === 0 ? "in" : "of"} dataset <span className="font-mono">{result.page.dataset}</span>
                  </>
                )}{" "}
                in {result.page.environment}
                {result.page.masked.length > 0 && (
                  <span data-testid="masked-fields"> · masked for you: {result.page.masked.join(", ")}</span>
                )}
              </p>
              <div className="overflow-x-auto">
                <Table>
                  <thead>
                    <tr>
                      {result.page.columns.map((c) => (
                        <Th key={c}>
                          {c}
                          {/* The space keeps the accessible name "email (masked)", not "email(masked)". */}
                          {result.page.masked.includes(c) && <span className="text-xs font-normal text-amber-700"> (masked)</span>}
                        </Th>
                      ))}
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {result.page.rows.map((row, i) => (
                      <tr key={i} data-testid="preview-row">
                        {result.page.columns.map((c) => (
                          <Td key={c} className="whitespace-nowrap font-mono text-xs">
                            {cell(row[c])}
                          </Td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </Table>
              </div>
            </div>
          ) : (
            <p className="text-slate-600" data-testid="preview-unavailable">
              {problem}
            </p>
          )}
          {/* One snippet per row: side by side at 1280 px, the endpoint's address was cut off in each. */}
          <div className="grid gap-3">
            <div className="min-w-0">
              <h3 className="mb-1 font-medium">curl</h3>
              <CopyBlock label="curl snippet" text={snippets.curl} testId="snippet-curl" />
            </div>
            <div className="min-w-0">
              <h3 className="mb-1 font-medium">Python</h3>
              <CopyBlock label="Python snippet" text={snippets.python} testId="snippet-python" />
            </div>
            <div className="min-w-0">
              <h3 className="mb-1 font-medium">psql</h3>
              <CopyBlock label="psql snippet" text={snippets.psql} testId="snippet-psql" />
            </div>
          </div>
        </div>
      </Card>
    </div>
  );
}
