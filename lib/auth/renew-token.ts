// The session token's renewal rule, shared by next-auth's jwt callback (lib/auth/auth.ts) and the direct
// session-cookie reader (lib/auth/session-cookie.ts), so both let the same cookies through.

/**
 * Renewal (every auth() and /api/auth/session) re-signs the cookie; past the session's absolute end, or
 * for a cookie without a server-side session, next-auth clears it instead. No database here: whether the
 * session was revoked is checked by getCurrentUser's one query.
 */
export function renewToken<T extends Record<string, unknown>>(token: T, now = Date.now()): T | null {
  if (typeof token.sid !== "string" || typeof token.end !== "number" || now >= token.end) return null;
  return token;
}
