// Runs before every page and route: a per-request CSP nonce (Next.js reads it from the request's CSP
// header and puts it on its own scripts), a request id for log and audit correlation, and HSTS behind https.
// Authentication is NOT decided here: pages, actions and routes authorize on the server themselves.
import { NextResponse, type NextRequest } from "next/server";
import { requestIdFrom } from "@/lib/request-id";

export function contentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
}

/** True when a %-escape in the path is not UTF-8 (/products/%FF/x): no route can ever match it. */
export function undecodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV !== "production");
  // Next's router would fail decoding the dynamic segment and answer a bare 500 (without these headers).
  if (undecodablePath(request.nextUrl.pathname)) {
    return new NextResponse("Not found: the address contains an invalid character.\n", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Content-Security-Policy": csp, "Cache-Control": "no-store" },
    });
  }
  const requestId = requestIdFrom(request.headers);

  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("x-request-id", requestId);
  headers.set("Content-Security-Policy", csp);

  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("x-request-id", requestId);
  if (request.headers.get("x-forwarded-proto") === "https" || request.nextUrl.protocol === "https:") {
    response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  }
  return response;
}

// Not /api/ingest/: for a request it matches, Next copies the body for the proxy, holds it in memory
// until the upload ends and passes on only the first 10 MB (proxyClientMaxBodySize), so a big CSV
// would be cut silently. That route answers with currentRequestId (requestIdFrom, as here).
// Not /api/v1/ and /api/health either, for speed: running the proxy costs about 1 ms per request (docs/benchmarks.md),
// a fifth of a REST API answer. Their paths still come here when they hold a %-escape (no valid one does: domain
// and product names are slugs), so an undecodable one still gets the 404 above; apiRoute takes the request id.
// A JSON answer needs no CSP, and the static headers of next.config.js still apply.
export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.svg|api/ingest/|api/health$|api/v1/[^%]*$).*)" }],
};
