// Prometheus scrape endpoint with the dashboard's figures. Machine access only: a bearer token
// (METRICS_TOKEN), compared in constant time; the endpoint does not exist (404) while no token is set.
import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { toErrorResponse } from "@/lib/errors";
import { prometheusText } from "@/lib/metrics/prometheus-data";

export const dynamic = "force-dynamic";

/** Hashing first gives equal-length buffers, so neither the length nor the content leaks through timing. */
function tokenMatches(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

export async function GET(request: Request): Promise<Response> {
  const expected = env().METRICS_TOKEN;
  if (!expected) return new Response("Not found\n", { status: 404, headers: { "content-type": "text/plain" } });
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  if (!match || !tokenMatches(match[1], expected)) {
    return new Response("Unauthorized\n", {
      status: 401,
      headers: { "content-type": "text/plain", "www-authenticate": 'Bearer realm="meshport-metrics"' },
    });
  }
  try {
    return new Response(await prometheusText(), {
      headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8", "cache-control": "no-store" },
    });
  } catch (e) {
    return toErrorResponse(e);
  }
}
