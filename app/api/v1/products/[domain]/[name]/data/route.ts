// GET /api/v1/products/{domain}/{name}/data: a page of one dataset's rows (`dataset=`, default the first) after governance allows the read
// (prepareRead: grants, roles, PostgreSQL privileges), with field selection, filters, sort and a keyset
// cursor (no row count), as JSON (up to 1,000 rows), NDJSON or CSV (up to 100,000), streamed from a
// server-side cursor batch by batch as the client reads (streamProductData). Measured like the
// older read endpoint (api_request, product_read).
import { apiRoute } from "@/lib/api/route";
import { requireScope } from "@/lib/api/caller";
import { streamProductData, type DataStream } from "@/lib/provisioning/stream-data";
import { DATA_FORMATS, MAX_PAGE_ROWS, MAX_STREAM_ROWS, parseDataQuery, type DataFormat } from "@/lib/provisioning/data-query";
import { ValidationError } from "@/lib/errors";
import { csvCell, type CsvValue } from "@/lib/csv";
import { logger } from "@/lib/logger";
import { recordMetricEventsBatched, type MetricEventInput } from "@/lib/metrics/record";

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

/**
 * The page as the client pulls it: one batch from the server-side cursor per pull, so a slow reader slows the
 * cursor rather than filling memory. JSON ends with the next cursor, known once the last batch is read.
 */
function body(format: DataFormat, read: DataStream, head: string) {
  const encoder = new TextEncoder();
  const columns = read.meta.columns;
  let first = true;
  let cancelled = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        if (format === "json") controller.enqueue(encoder.encode(head));
        if (format === "csv") controller.enqueue(encoder.encode(columns.map((c) => csvCell(c)).join(",") + "\r\n"));
      },
      async pull(controller) {
        try {
          const rows = await read.next();
          if (cancelled) return;
          if (rows.length > 0) {
            let chunk: string;
            if (format === "csv") chunk = rows.map((row) => columns.map((c) => csvCell(cell(row[c]))).join(",") + "\r\n").join("");
            else if (format === "ndjson") chunk = rows.map((row) => JSON.stringify(row) + "\n").join("");
            // The batch as one array, without its brackets: one call instead of one per row.
            else chunk = (first ? "" : ",") + JSON.stringify(rows).slice(1, -1);
            first = false;
            controller.enqueue(encoder.encode(chunk));
            return;
          }
          await read.close();
          if (format === "json") controller.enqueue(encoder.encode(`],"nextCursor":${JSON.stringify(read.cursorAfterPage())}}`));
          controller.close();
        } catch (err) {
          // The status is sent: the client sees a cut body (JSON that does not parse, no final newline).
          logger.warn({ err }, "data stream failed");
          await read.close(err);
          controller.error(err);
        }
      },
      async cancel() {
        cancelled = true;
        await read.close();
      },
    },
    { highWaterMark: 1 },
  );
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
    const read = await streamProductData(caller.user, {
      domain,
      name,
      environment: env,
      major: rawMajor === null ? undefined : Number(rawMajor),
      dataset: url.searchParams.get("dataset"),
      select: (fields) =>
        parseDataQuery(
          url.searchParams,
          fields,
          ["env", "format", "version", "dataset"],
          format === "json" ? MAX_PAGE_ROWS : MAX_STREAM_ROWS,
        ),
      cursorFirst: format !== "json",
    });
    Object.assign(ids, { productId: read.productId, domainId: read.domainId });
    // A client gone before the body is piped never cancels it: give the connection back now.
    if (request.signal.aborted) await read.close();
    else request.signal.addEventListener("abort", () => void read.close(), { once: true });
    status = 200;
    const next = new URL(url);
    if (read.nextCursor) next.searchParams.set("cursor", read.nextCursor);
    const headers: Record<string, string> = {
      "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : format === "ndjson" ? "application/x-ndjson" : "application/json",
      "Cache-Control": "private, no-store",
      ...(read.nextCursor ? { Link: `<${next.pathname}${next.search}>; rel="next"` } : {}),
    };
    const { product, environment, dataset, version, columns, masked } = read.meta;
    const head = JSON.stringify({ product, environment, dataset, version, columns, masked }).slice(0, -1) + ',"items":[';
    return new Response(body(format, read, head), { headers });
  } catch (e) {
    status = e instanceof Error && "status" in e && typeof e.status === "number" ? e.status : 500;
    throw e;
  } finally {
    const durationMs = performance.now() - started;
    const events: MetricEventInput[] = [{ type: "api_request", ...ids, durationMs, status, meta: { route: "v1/data" } }];
    if (status === 200) events.push({ type: "product_read", ...ids, durationMs });
    recordMetricEventsBatched(events);
  }
});

// Methods this address does not serve: 405 problem+json with Allow; OPTIONS: that Allow (lib/api/unserved.ts).
export { POST, PUT, PATCH, DELETE, OPTIONS } from "@/lib/api/unserved";
