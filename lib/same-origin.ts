// Cookies ride along on cross-site requests: a request carrying the session may change things (or export
// data) only when it comes from the portal's own pages. The Origin header names the page's origin; a browser
// that sends none says where the request came from in Sec-Fetch-Site.
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return request.headers.get("sec-fetch-site") === "same-origin";
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
