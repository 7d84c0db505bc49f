// next-auth configuration: email + password for the embedded/demo setup, and a generic OIDC provider
// switched on by AUTH_OIDC_* variables. The JWT cookie carries the user id and a server-side session id
// (lib/auth/sessions.ts); roles, memberships and whether the session is still alive are read from the
// database on every request (lib/auth/current-user.ts). auth() reads that cookie without next-auth's
// request cycle (lib/auth/session-cookie.ts).
import { safeRedirect } from "@/lib/auth/callback-url";
import { cookies, headers } from "next/headers";
import NextAuth, { CredentialsSignin } from "next-auth";
import type { Provider } from "next-auth/providers";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { db } from "@/lib/db";
import { env, oidcEnabled } from "@/lib/env";
import { verifyPassword } from "@/lib/auth/password";
import { logger } from "@/lib/logger";
import { clientIp, createSignInThrottle, type SignInThrottle } from "@/lib/auth/rate-limit";
import { createSession, revokeSession } from "@/lib/auth/sessions";
import { applyOidcSignIn } from "@/lib/auth/oidc-sign-in";
import { renewToken } from "@/lib/auth/renew-token";
import { readSessionClaims, sessionCookieName } from "@/lib/auth/session-cookie";

/** Too many failed sign-ins from this client for this account, or from this client overall (lib/auth/rate-limit.ts). */
export class RateLimitedError extends CredentialsSignin {
  override code = "rate_limited";
  constructor(readonly retryAfterSeconds: number) {
    super();
  }
}

/** The right password for a disabled user (only then: a wrong one gets the usual answer). */
export class DisabledError extends CredentialsSignin {
  override code = "disabled";
}

/**
 * Verified for unknown emails so they cost the same argon2 time as a wrong password (otherwise the
 * answer's speed tells which emails have accounts). Same parameters as lib/auth/password.ts; no
 * password matches it.
 */
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$2dbGj7uwHZjzKDCrfGM1MQ$4jb2W/ObGjZcKDtt9XqEy5qNC2mjDYd0FGazykIw3rA";

const credentialsSchema = z.object({ email: z.email().max(320), password: z.string().min(1).max(1000) });

const globalForThrottle = globalThis as unknown as { meshportSignInThrottle?: SignInThrottle };

/** The throttle used by the credentials provider (state in PostgreSQL, shared by every process). */
export function signInThrottle(): SignInThrottle {
  globalForThrottle.meshportSignInThrottle ??= createSignInThrottle(db);
  return globalForThrottle.meshportSignInThrottle;
}

/** The credentials check (exported for the reliability tests; next-auth calls it through the provider). */
export async function authorizeCredentials(raw: unknown, request?: Request) {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const email = parsed.data.email.toLowerCase();
  const ip = request ? clientIp(request.headers) : "unknown";
  const throttle = signInThrottle();
  // Checked before the (deliberately slow) password hash, so a flood costs little.
  const limited = await throttle.check(ip, email);
  if (!limited.allowed) {
    logger.warn({ email, ip, retryAfterSeconds: limited.retryAfterSeconds }, "sign-in rate limited");
    throw new RateLimitedError(limited.retryAfterSeconds);
  }
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true, disabled: true },
  });
  // Unknown email and wrong password take the same path: one hash verification, one throttle update.
  const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, parsed.data.password);
  if (!user?.passwordHash || !ok) {
    await throttle.fail(ip, email);
    logger.warn({ email, ip }, "failed sign-in");
    return null;
  }
  await throttle.succeed(ip, email);
  if (user.disabled) throw new DisabledError();
  await db.user.update({ where: { id: user.id }, data: { lastSignedInAt: new Date() } });
  return { id: user.id, email: user.email, name: user.name };
}

export { renewToken } from "@/lib/auth/renew-token";

function providers(): Provider[] {
  const list: Provider[] = [
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: authorizeCredentials,
    }),
  ];
  const e = env();
  if (oidcEnabled(e)) {
    list.push({
      id: "oidc",
      name: e.AUTH_OIDC_NAME,
      type: "oidc",
      issuer: e.AUTH_OIDC_ISSUER,
      clientId: e.AUTH_OIDC_ID,
      clientSecret: e.AUTH_OIDC_SECRET,
      authorization: { params: { scope: "openid email profile" } },
    });
  }
  return list;
}

const nextAuth = NextAuth(() => ({
  providers: providers(),
  session: { strategy: "jwt", maxAge: env().SESSION_MAX_AGE_HOURS * 3600 },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  trustHost: true,
  callbacks: {
    redirect: ({ url, baseUrl }) => safeRedirect(url, baseUrl),
    async signIn({ user, account, profile }) {
      if (account?.provider !== "oidc") return true;
      const email = user.email?.toLowerCase();
      if (!email) return false;
      const local = await applyOidcSignIn(email, user.name ?? email, profile ?? {});
      return local !== null;
    },
    async jwt({ token, user, account }) {
      if (user) {
        // A fresh sign-in: open a server-side session whose absolute end no later renewal moves.
        let userId = user.id;
        if (account?.provider === "oidc" && user.email) {
          userId = (await db.user.findUnique({ where: { email: user.email.toLowerCase() }, select: { id: true } }))?.id;
        }
        if (!userId) return null;
        const session = await createSession(userId, env().SESSION_MAX_AGE_HOURS);
        return { ...token, uid: userId, sid: session.id, end: session.expiresAt.getTime() };
      }
      return renewToken(token);
    },
    session({ session, token }) {
      if (typeof token.uid === "string") (session as { uid?: string }).uid = token.uid;
      if (typeof token.sid === "string") (session as { sid?: string }).sid = token.sid;
      return session;
    },
  },
  events: {
    async signOut(message) {
      const sid = "token" in message ? message.token?.sid : undefined;
      if (typeof sid === "string") await revokeSession(sid);
    },
  },
  logger: {
    error(error) {
      // A wrong password is expected, not an incident: keep the log line short.
      if (error instanceof CredentialsSignin) return;
      // next-auth's own errors only say "Read more at …"; what went wrong is in their cause.
      const cause = (error as { cause?: { err?: unknown } }).cause?.err;
      logger.error(
        { err: error, cause: cause instanceof Error ? { name: cause.name, message: cause.message, stack: cause.stack } : cause },
        "auth error",
      );
    },
    warn(code) {
      logger.warn({ code }, "auth warning");
    },
  },
}));

export const { handlers, signIn, signOut } = nextAuth;

/**
 * The session of this request as next-auth's auth() gives it (uid and sid, or null). The cookie is read
 * directly (lib/auth/session-cookie.ts: same name, secret, salt, decode and renewal rule, without next-auth's
 * request cycle and the re-encryption a page cannot send back); next-auth's own reader runs when there is no
 * AUTH_SECRET in the environment or the cookie is split into chunks.
 */
export async function auth(): Promise<{ uid?: unknown; sid?: unknown } | null> {
  // The request's cookies first: while Next prerenders at build time this ends the page's static attempt
  // (as next-auth's own reader did), before anything reads the environment.
  const [jar, h] = await Promise.all([cookies(), headers()]);
  const e = env();
  if (e.AUTH_SECRET) {
    const claims = await readSessionClaims(jar, sessionCookieName(e.AUTH_URL, h.get("x-forwarded-proto")), e.AUTH_SECRET);
    if (claims !== "fallback") return claims;
  }
  return (await nextAuth.auth()) as { uid?: unknown; sid?: unknown } | null;
}
