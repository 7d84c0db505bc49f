// The session cookie, read the way next-auth reads it (same cookie name, secret, salt and `decode`, then the
// same renewal rule) but without running next-auth's whole request cycle on every page: that cycle also
// re-encrypts the cookie, which a page cannot even send back. A decoded cookie is kept in memory under its
// whole value (only values that decrypted with the secret get in), so the next page of the same sign-in skips
// the key derivation and decryption; its time limits are checked again on every use. Whether the session is
// still alive is not decided here: getCurrentUser's query checks the sessions table on every request.
import "server-only";
import { decode } from "next-auth/jwt";
import { renewToken } from "@/lib/auth/renew-token";

const COOKIE = "authjs.session-token";
/** @auth/core's decode accepts a token up to 15 s past its `exp`. */
const CLOCK_TOLERANCE_MS = 15_000;
const MAX_KEPT = 2_000;

export type SessionClaims = Record<string, unknown>;

/** next-auth's cookie name: `__Secure-` prefixed when AUTH_URL is https, else when the request came over https. */
export function sessionCookieName(authUrl: string | undefined, forwardedProto: string | null): string {
  const protocol = authUrl ? new URL(authUrl).protocol : `${(forwardedProto ?? "https").replace(/:$/, "")}:`;
  return protocol === "https:" ? `__Secure-${COOKIE}` : COOKIE;
}

type CookieJar = { get(name: string): { value: string } | undefined; has(name: string): boolean };

const kept = new Map<string, SessionClaims>();

function usable(claims: SessionClaims, now: number): SessionClaims | null {
  if (typeof claims.exp === "number" && now > claims.exp * 1000 + CLOCK_TOLERANCE_MS) return null;
  return renewToken(claims, now);
}

/**
 * The signed-in session's claims (uid, sid, end, …), null without a valid one, or "fallback" when the cookie
 * is split into chunks (next-auth's own reader joins those; a session token here is far below the limit).
 */
export async function readSessionClaims(
  jar: CookieJar,
  name: string,
  secret: string,
  now = Date.now(),
): Promise<SessionClaims | null | "fallback"> {
  const token = jar.get(name)?.value;
  if (!token) return jar.has(`${name}.0`) ? "fallback" : null;
  const hit = kept.get(token);
  if (hit) return usable(hit, now);
  let claims: SessionClaims | null;
  try {
    claims = await decode({ token, secret, salt: name });
  } catch {
    return null; // not ours, tampered with, or expired: no session, as with next-auth
  }
  if (!claims) return null;
  if (kept.size >= MAX_KEPT) kept.delete(kept.keys().next().value!);
  kept.set(token, claims);
  return usable(claims, now);
}
