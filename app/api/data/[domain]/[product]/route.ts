// The product's read endpoint (serving): GET /api/data/<domain>/<product>?env=production&limit=&offset=
// returns up to 1,000 rows as JSON with their total, after governance allows the read. It is the serving
// address a deployment shows; programs are better served by the REST API v1's cursor pages
// (/api/v1/products/<domain>/<name>/data, streamed). Like v1 it takes a bearer token (read scope, its domain
// limit) or the browser session. Every request is measured (api_request) and successful reads count as
// consumption (product_read).
import { authenticateApi, requireScope } from "@/lib/api/caller";
import { ValidationError, toErrorResponse } from "@/lib/errors";
import { recordMetricEventsBatched, type MetricEventInput } from "@/lib/metrics/record";
import { MAX_LIMIT, readProductData } from "@/lib/provisioning/read-data";

export const dynamic = "force-dynamic";

function intParam(url: URL, name: string, fallback: number, max: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > max)
    throw new ValidationError(`${name} must be a whole number from 0 to ${max}.`, { [name]: [`0–${max}`] });
  return n;
}

export async function GET(request: Request, { params }: { params: Promise<{ domain: string; product: string }> }) {
  const started = performance.now();
  let status = 500;
  let ids: { productId?: string; domainId?: string; userId?: string } = {};
  try {
    const caller = await authenticateApi(request);
    const user = caller.user;
    ids.userId = user.id;
    const { domain, product: name } = await params;
    await requireScope(caller, "read", domain);
    const url = new URL(request.url);
    const env = url.searchParams.get("env") ?? "production";
    if (env !== "staging" && env !== "production")
      throw new ValidationError("env must be staging or production.", { env: ["Use staging or production."] });
    const limit = Math.max(1, intParam(url, "limit", 100, MAX_LIMIT));
    const offset = intParam(url, "offset", 0, 1_000_000_000);
    const dataset = url.searchParams.get("dataset");
    const { page, productId, domainId } = await readProductData(user, { domain, name, environment: env, limit, offset, dataset });
    ids = { ...ids, productId, domainId };
    status = 200;
    return Response.json(page, { headers: { "Cache-Control": "no-store" } });
  } catch (e) {
    const response = toErrorResponse(e);
    status = response.status;
    return response;
  } finally {
    const durationMs = performance.now() - started;
    const common = { productId: ids.productId ?? null, domainId: ids.domainId ?? null, userId: ids.userId ?? null };
    // One statement for both events: a successful read is a request and a consumption.
    const events: MetricEventInput[] = [{ type: "api_request", ...common, durationMs, status, meta: { route: "data" } }];
    if (status === 200) events.push({ type: "product_read", ...common, durationMs });
    recordMetricEventsBatched(events);
  }
}
