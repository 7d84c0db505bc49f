// Where to go after signing in: only a path on this site. Anything else (another origin, a
// protocol-relative or backslash trick, control characters that would break the Location header) → "/".
const BASE = "http://portal.invalid";

export function safeCallbackUrl(raw: unknown): string {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 2000) return "/";
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return "/";
  if (!raw.startsWith("/") || raw.startsWith("//")) return "/";
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return "/";
  }
  if (url.origin !== BASE) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * next-auth's `redirect` callback: the sign-in API takes `callbackUrl` from the caller too (and keeps it
 * in a cookie), so it gets the same rule as the form. A same-origin absolute URL keeps its path.
 */
export function safeRedirect(url: string, baseUrl: string): string {
  const base = baseUrl.replace(/\/+$/, "");
  const path = url.startsWith(`${base}/`) ? url.slice(base.length) : url;
  return `${base}${safeCallbackUrl(path)}`;
}
