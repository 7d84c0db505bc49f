// Sign-in throttling, kept in PostgreSQL (table sign_in_throttle) so every portal process shares it.
// Following OWASP, failures slow down the (account, client) pair with growing delays instead of locking
// the account: an attacker elsewhere cannot lock the rightful user out. A generous cap per client IP
// stops one client from spraying guesses over many accounts.
import { isIP } from "node:net";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export type LimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * How failures turn into waits: the first `free` failures cost nothing, then each one doubles the wait
 * from `baseSeconds` up to `maxSeconds`. A key that has been quiet for `resetSeconds` starts over.
 */
export type BackoffPolicy = { free: number; baseSeconds: number; maxSeconds: number; resetSeconds: number };

export type SignInLimits = { perPair: BackoffPolicy; perIp: BackoffPolicy };

export const SIGN_IN_LIMITS: SignInLimits = {
  // One account from one client: 3 free tries (typos), then 1 s, 2 s, 4 s … capped at 15 minutes.
  perPair: { free: 3, baseSeconds: 1, maxSeconds: 15 * 60, resetSeconds: 24 * 3600 },
  // One client over all accounts: 100 failures within a quiet-gap of 15 minutes, then 15 minutes' wait
  // per further failure. Generous so an office behind one NAT address is not stopped by its own typos.
  perIp: { free: 100, baseSeconds: 15 * 60, maxSeconds: 15 * 60, resetSeconds: 15 * 60 },
};

/** The wait after the `failures`-th consecutive failure (pure; the SQL below computes the same). */
export function backoffSeconds(policy: BackoffPolicy, failures: number): number {
  if (failures <= policy.free) return 0;
  return Math.min(policy.maxSeconds, policy.baseSeconds * 2 ** (failures - policy.free - 1));
}

/**
 * The client's IP as the request headers give it: the first X-Forwarded-For entry (Next.js fills the
 * header from the socket when no proxy set it), else X-Real-IP. Behind a reverse proxy the proxy must
 * overwrite X-Forwarded-For; exposed directly, a client can vary the header to dodge the per-IP cap,
 * but every made-up address then starts a pair of its own at the same account, so guessing stays slow
 * only as far as the attacker has real addresses.
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  const candidate = forwarded || headers.get("x-real-ip")?.trim() || "";
  const bare = candidate.replace(/^\[|\]$/g, "").replace(/^::ffff:/i, "");
  return isIP(bare) ? bare : "unknown";
}

export type SignInThrottle = {
  /** Whether this client may try this account now (one query, before the password hash). */
  check(ip: string, email: string): Promise<LimitResult>;
  /** Counts one failure for the pair and the client. */
  fail(ip: string, email: string): Promise<void>;
  /** A right password clears the pair (not the client's count: one good account must not reset the budget for guessing others). */
  succeed(ip: string, email: string): Promise<void>;
};

const pairKey = (ip: string, email: string) => `pair:${email.toLowerCase()}|${ip}`;
const ipKey = (ip: string) => `ip:${ip}`;

type Db = Pick<PrismaClient, "$queryRaw" | "$executeRaw">;

export function createSignInThrottle(db: Db, limits: SignInLimits = SIGN_IN_LIMITS): SignInThrottle {
  // One atomic upsert per key: concurrent failures on several processes each add one, and the wait is
  // computed from the count in the same statement (no read-modify-write race).
  const record = (key: string, p: BackoffPolicy) => db.$executeRaw`
    INSERT INTO sign_in_throttle AS t (key, failures, next_allowed_at, updated_at)
    VALUES (${key}, 1, now() + make_interval(secs => ${backoffSeconds(p, 1)}::float8), now())
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN t.updated_at < now() - make_interval(secs => ${p.resetSeconds}::float8) THEN 1 ELSE t.failures + 1 END,
      next_allowed_at = now() + make_interval(secs => (
        SELECT CASE WHEN f <= ${p.free}::int THEN 0 ELSE least(${p.maxSeconds}::float8, ${p.baseSeconds}::float8 * power(2, f - ${p.free}::int - 1)) END
        FROM (SELECT CASE WHEN t.updated_at < now() - make_interval(secs => ${p.resetSeconds}::float8) THEN 1 ELSE t.failures + 1 END AS f) AS n)),
      updated_at = now()`;
  return {
    async check(ip, email) {
      const rows = await db.$queryRaw<{ wait: number }[]>`
        SELECT extract(epoch FROM max(next_allowed_at) - now())::float8 AS wait
        FROM sign_in_throttle WHERE key IN (${pairKey(ip, email)}, ${ipKey(ip)}) AND next_allowed_at > now()`;
      const wait = rows[0]?.wait;
      return wait && wait > 0 ? { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(wait)) } : { allowed: true };
    },
    async fail(ip, email) {
      await record(pairKey(ip, email), limits.perPair);
      await record(ipKey(ip), limits.perIp);
      // Made-up emails and addresses leave rows behind; now and then sweep those quiet for longer than
      // any policy remembers (cheaper than a scheduled job, and a flood of failures runs it often).
      if (Math.random() < 0.01) {
        const keep = Math.max(limits.perPair.resetSeconds, limits.perIp.resetSeconds);
        await db.$executeRaw`DELETE FROM sign_in_throttle WHERE updated_at < now() - make_interval(secs => ${keep}::float8) AND next_allowed_at < now()`;
      }
    },
    async succeed(ip, email) {
      await db.$executeRaw`DELETE FROM sign_in_throttle WHERE key = ${pairKey(ip, email)}`;
    },
  };
}

export function rateLimitMessage(retryAfterSeconds: number): string {
  const n = Math.max(1, Math.ceil(retryAfterSeconds));
  return `Too many attempts, try again in ${n} second${n === 1 ? "" : "s"}.`;
}
