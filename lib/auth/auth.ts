// next-auth configuration: email + password for the embedded/demo setup, and a generic OIDC provider
// switched on by AUTH_OIDC_* variables. Sessions are JWTs that carry only the user id; roles and
// memberships are read from the database on every request (lib/auth/current-user.ts).
import NextAuth, { CredentialsSignin } from "next-auth";
import type { Provider } from "next-auth/providers";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { db } from "@/lib/db";
import { env, oidcEnabled } from "@/lib/env";
import { verifyPassword } from "@/lib/auth/password";
import { logger } from "@/lib/logger";
import { clientIp, signInThrottle } from "@/lib/auth/rate-limit";

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;

class LockedError extends CredentialsSignin {
  override code = "locked";
}

/** Too many failed sign-ins from this IP or for this account (lib/auth/rate-limit.ts). */
export class RateLimitedError extends CredentialsSignin {
  override code = "rate_limited";
  constructor(readonly retryAfterSeconds: number) {
    super();
  }
}

const credentialsSchema = z.object({ email: z.email().max(320), password: z.string().min(1).max(1000) });

/** The credentials check (exported for the reliability tests; next-auth calls it through the provider). */
export async function authorizeCredentials(raw: unknown, request?: Request) {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const email = parsed.data.email.toLowerCase();
  const ip = request ? clientIp(request.headers) : "unknown";
  const throttle = signInThrottle();
  // Checked before the database and the (deliberately slow) password hash, so a flood costs little.
  const limited = throttle.check(ip, email);
  if (!limited.allowed) {
    logger.warn({ email, ip, retryAfterSeconds: limited.retryAfterSeconds }, "sign-in rate limited");
    throw new RateLimitedError(limited.retryAfterSeconds);
  }
  const user = await db.user.findUnique({ where: { email } });
  if (!user?.passwordHash) {
    throttle.fail(ip, email);
    return null;
  }
  if (user.lockedUntil && user.lockedUntil > new Date()) {
    throttle.fail(ip, email);
    throw new LockedError();
  }
  const ok = await verifyPassword(user.passwordHash, parsed.data.password);
  if (!ok) {
    throttle.fail(ip, email);
    const failed = user.failedLogins + 1;
    const lock = failed >= MAX_FAILED_LOGINS;
    await db.user.update({
      where: { id: user.id },
      data: { failedLogins: lock ? 0 : failed, lockedUntil: lock ? new Date(Date.now() + LOCKOUT_MINUTES * 60_000) : null },
    });
    logger.warn({ email, ip, failed, locked: lock }, "failed sign-in");
    if (lock) throw new LockedError();
    return null;
  }
  throttle.succeed(email);
  await db.user.update({ where: { id: user.id }, data: { failedLogins: 0, lockedUntil: null, lastSignedInAt: new Date() } });
  return { id: user.id, email: user.email, name: user.name };
}

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
    });
  }
  return list;
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  providers: providers(),
  session: { strategy: "jwt", maxAge: env().SESSION_MAX_AGE_HOURS * 3600 },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  trustHost: true,
  callbacks: {
    async signIn({ user, account }) {
      if (account?.provider !== "oidc") return true;
      // First OIDC sign-in provisions a local user with the configured default role.
      const email = user.email?.toLowerCase();
      if (!email) return false;
      await db.user.upsert({
        where: { email },
        update: { lastSignedInAt: new Date() },
        create: { email, name: user.name ?? email, roles: [env().AUTH_OIDC_DEFAULT_ROLE], lastSignedInAt: new Date() },
      });
      return true;
    },
    async jwt({ token, user, account }) {
      if (user && account?.provider === "oidc" && user.email) {
        const local = await db.user.findUnique({ where: { email: user.email.toLowerCase() }, select: { id: true } });
        token.uid = local?.id;
      } else if (user?.id) {
        token.uid = user.id;
      }
      return token;
    },
    session({ session, token }) {
      if (typeof token.uid === "string") (session as { uid?: string }).uid = token.uid;
      return session;
    },
  },
  logger: {
    error(error) {
      // A wrong password is expected, not an incident: keep the log line short.
      if (error instanceof CredentialsSignin) return;
      logger.error({ err: error }, "auth error");
    },
    warn(code) {
      logger.warn({ code }, "auth warning");
    },
  },
}));
