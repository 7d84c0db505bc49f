// GET /api/v1/products/{domain}/{name}/data: a page of the product's rows after governance allows the read
// (readProductData: grants, roles, PostgreSQL privileges), with field selection, filters, sort and a keyset
// cursor (no row count), as JSON, NDJSON or CSV, written to the response row by row. Measured like the
// older read endpoint (api_request, product_read).
import { apiRoute } from "@/lib/api/route";
import { requireScope } from "@/lib/api/caller";
import { readProductData } from "@/lib/provisioning/read-data";
import { DATA_FORMATS, parseDataQuery, type DataFormat } from "@/lib/provisioning/data-query";
import { ValidationError } from "@/lib/errors";
import { csvCell, type CsvValue } from "@/lib/csv";
import { logger } from "@/lib/logger";
import { recordMetricEvents, type MetricEventInput } from "@/lib/metrics/record";

export const dynamic = "force-dynamic";

function formatOf(url: URL, accept: string | null): DataFormat {
  const asked = url.searchParams.get("format");
  if (asked !== null) {
    if (!(DATA_FORMATS as readonly string[]).includes(asked))
      throw new ValidationError("format must be json, ndjson or csv.", { format: ["Use json, ndjson or csv."] });
    return asked as DataFormat;
  }
  if (accept?.includes("application/x-ndjson")) return "ndjson";
  if (accept?.includes("text/csv")) return "csv";
  return "json";
}

const cell = (v: unknown): CsvValue => (v === null || v === undefined || typeof v !== "object" ? (v as CsvValue) : JSON.stringify(v));

function body(format: DataFormat, page: { columns: string[]; rows: Record<string, unknown>[] }, head: string, tail: string) {
  const encoder = new TextEncoder();
  let i = 0;
  // Pulled by the client: a slow reader holds back the serialisation, not the database connection.
  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (format === "json") controller.enqueue(encoder.encode(head));
      if (format === "csv") controller.enqueue(encoder.encode(page.columns.map((c) => csvCell(c)).join(",") + "\r\n"));
    },
    pull(controller) {
      const chunk: string[] = [];
      for (const end = Math.min(i + 200, page.rows.length); i < end; i++) {
        const row = page.rows[i];
        if (format === "csv") chunk.push(page.columns.map((c) => csvCell(cell(row[c]))).join(",") + "\r\n");
        else if (format === "ndjson") chunk.push(JSON.stringify(row) + "\n");
        else chunk.push((i > 0 ? "," : "") + JSON.stringify(row));
      }
      if (chunk.length) controller.enqueue(encoder.encode(chunk.join("")));
      if (i >= page.rows.length) {
        if (format === "json") controller.enqueue(encoder.encode(tail));
        controller.close();
      }
    },
  });
}

export const GET = apiRoute<{ domain: string; name: string }>(async (request, caller, { domain, name }) => {
  const started = performance.now();
  let status = 500;
  const ids: { productId: string | null; domainId: string | null; userId: string | null } = {
    productId: null,
    domainId: null,
    userId: caller.user.id,
  };
  try {
    await requireScope(caller, "read", domain);
    const url = new URL(request.url);
    const format = formatOf(url, request.headers.get("accept"));
    const env = url.searchParams.get("env") ?? "production";
    if (env !== "staging" && env !== "production")
      throw new ValidationError("env must be staging or production.", { env: ["Use staging or production."] });
    const rawMajor = url.searchParams.get("version");
    if (rawMajor !== null && !/^\d{1,4}$/.test(rawMajor))
      throw new ValidationError("version must be a major version number, e.g. 1.", { version: ["A whole number, e.g. 1."] });
    const { page, productId, domainId } = await readProductData(caller.user, {
      domain,
      name,
      environment: env,
      limit: 0,
      offset: 0,
      major: rawMajor === null ? undefined : Number(rawMajor),
      select: (fields) => parseDataQuery(url.searchParams, fields, ["env", "format", "version"]),
    });
    Object.assign(ids, { productId, domainId });
    status = 200;
    const next = new URL(url);
    if (page.nextCursor) next.searchParams.set("cursor", page.nextCursor);
    const headers: Record<string, string> = {
      "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : format === "ndjson" ? "application/x-ndjson" : "application/json",
      "Cache-Control": "private, no-store",
      ...(page.nextCursor ? { Link: `<${next.pathname}${next.search}>; rel="next"` } : {}),
    };
    const meta = { product: page.product, environment: page.environment, version: page.version, columns: page.columns };
    const head = JSON.stringify(meta).slice(0, -1) + ',"items":[';
    const tail = `],"nextCursor":${JSON.stringify(page.nextCursor ?? null)}}`;
    return new Response(body(format, page, head, tail), { headers });
  } catch (e) {
    status = e instanceof Error && "status" in e && typeof e.status === "number" ? e.status : 500;
    throw e;
  } finally {
    const durationMs = performance.now() - started;
    const events: MetricEventInput[] = [{ type: "api_request", ...ids, durationMs, status, meta: { route: "v1/data" } }];
    if (status === 200) events.push({ type: "product_read", ...ids, durationMs });
    void recordMetricEvents(events).catch((err: unknown) => logger.warn({ err }, "could not record data API metrics"));
  }
});
