// Which URLs a webhook may point at: http(s) only, no credentials in the URL, and never the portal itself
// (its configured public URL or the address it was reached at), so a webhook cannot make the portal call
// its own routes. Pure: the caller passes the portal's hosts.

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]", "0.0.0.0", "[::]"]);

function defaultPort(protocol: string): string {
  return protocol === "https:" ? "443" : "80";
}

/** host:port with the loopback names made one, so localhost:3000 and 127.0.0.1:3000 compare equal. */
function hostKey(hostname: string, port: string): string {
  const h = hostname.toLowerCase().replace(/\.$/, "");
  return `${LOOPBACK.has(h) ? "loopback" : h}:${port}`;
}

/** Keys of the portal's own addresses: full URLs (PUBLIC_URL) or bare `host[:port]` (the Host header). */
export function portalHostKeys(addresses: Array<string | undefined | null>): Set<string> {
  const keys = new Set<string>();
  for (const a of addresses) {
    if (!a) continue;
    try {
      const u = new URL(a.includes("://") ? a : `http://${a}`);
      const explicit = u.port || (a.includes("://") ? defaultPort(u.protocol) : "80");
      keys.add(hostKey(u.hostname, explicit));
      // A bare host without a port may be served on either default port.
      if (!a.includes("://") && !u.port) keys.add(hostKey(u.hostname, "443"));
    } catch {
      // not an address: nothing to compare with
    }
  }
  return keys;
}

/** null when the URL may be used, else the field error to show. */
export function checkWebhookUrl(raw: string, portal: Set<string>): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return "Enter a full URL, e.g. https://example.com/hooks/meshport.";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "Only http:// and https:// URLs can receive webhooks.";
  if (url.username || url.password) return "Put no user name or password in the URL; verify the signature instead.";
  if (portal.has(hostKey(url.hostname, url.port || defaultPort(url.protocol))))
    return "This URL points at the portal itself; give the address of the service that should receive the events.";
  return null;
}
