// "Data" on a product page: the first rows as the user may see them (read through readProductData, so the
// same decision and masking as the read API), and how to read it from code: curl, Python and psql with the
// product's real endpoint.
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

export async function DataPreviewSection({
  product,
  user,
  verdict,
}: {
  product: { id: string; domain: string; name: string };
  user: CurrentUser;
  verdict: AccessVerdict;
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
      });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      problem = e.message;
    }
  }
  // The REST API v1 read (a bearer token from /tokens): a keyset-cursor page, the next one at `nextCursor`.
  const url = `${await origin()}/api/v1/products/${product.domain}/${product.name}/data?env=${environment ?? "production"}&limit=100`;
  const sql = sqlEndpoint();
  const relation = result?.sqlRelation ?? "<schema>.<view>";
  const snippets = {
    curl: `curl -H "Authorization: Bearer $MESHPORT_TOKEN" \\\n  "${url}"`,
    python: `import os, requests\n\nresp = requests.get(\n    "${url}",\n    headers={"Authorization": f"Bearer {os.environ['MESHPORT_TOKEN']}"},\n    timeout=30,\n)\nresp.raise_for_status()\npage = resp.json()\nrows = page["items"]  # the next page: add &cursor=<page["nextCursor"]>`,
    psql: `# SQL access comes with an access grant: get your login and password under My access.\npsql "host=${sql.host} port=${sql.port} dbname=${sql.database} user=<your grant login>" \\\n  -c 'SELECT * FROM ${relation} LIMIT 10'`,
  };
  return (
    <Card title="Data" className="mb-6">
      <div className="space-y-4 text-sm" data-testid="data-preview">
        {result ? (
          <div>
            <p className="mb-2 text-slate-600">
              First {Math.min(PREVIEW_ROWS, result.page.rows.length)} of {result.page.total.toLocaleString("en")} rows in{" "}
              {result.page.environment}
              {result.page.masked.length > 0 && <span data-testid="masked-fields"> · masked for you: {result.page.masked.join(", ")}</span>}
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
  );
}
