// Sign-in throttling: sliding windows of FAILED sign-ins per client IP and per account. Kept in this
// process's memory on purpose (no table, no extra round trip on every attempt); with several portal
// processes each one counts on its own, so the effective limit is N × the configured one. The account
// lockout (lib/auth/auth.ts, persisted on the user row) is what holds across processes and restarts.
import { isIP } from "node:net";

export type LimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * A sliding-window log: the timestamps of the last `limit` events per key. At most `maxKeys` keys are
 * remembered (least recently hit go first), so a flood of made-up emails or IPs cannot exhaust memory.
 */
export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly maxKeys = 10_000,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error("limit must be a positive whole number");
    if (!(windowMs > 0)) throw new Error("windowMs must be positive");
  }

  private recent(key: string, now: number): number[] {
    const list = this.hits.get(key);
    if (!list) return [];
    const fresh = list.filter((t) => t > now - this.windowMs);
    if (fresh.length === 0) this.hits.delete(key);
    else if (fresh.length !== list.length) this.hits.set(key, fresh);
    return fresh;
  }

  /** Whether one more event is allowed now; when not, how long until the oldest counted one expires. */
  check(key: string, now = Date.now()): LimitResult {
    const list = this.recent(key, now);
    if (list.length < this.limit) return { allowed: true };
    const oldestThatMustExpire = list[list.length - this.limit];
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((oldestThatMustExpire + this.windowMs - now) / 1000)) };
  }

  /** Counts one event for `key`. */
  record(key: string, now = Date.now()): void {
    const list = this.recent(key, now);
    list.push(now);
    // Only the last `limit` timestamps matter for the decision.
    const kept = list.length > this.limit ? list.slice(-this.limit) : list;
    this.hits.delete(key); // re-insert: Map order is then "least recently hit first"
    this.hits.set(key, kept);
    while (this.hits.size > this.maxKeys) {
      const oldest = this.hits.keys().next().value;
      if (oldest === undefined) break;
      this.hits.delete(oldest);
    }
  }

  reset(key: string): void {
    this.hits.delete(key);
  }

  get size(): number {
    return this.hits.size;
  }
}

export type SignInLimits = { perIp: { limit: number; windowMs: number }; perAccount: { limit: number; windowMs: number } };

/** Failed sign-ins allowed per client IP and per account (email) within the window. */
export const SIGN_IN_LIMITS: SignInLimits = {
  perIp: { limit: 20, windowMs: 10 * 60_000 },
  // Above the lockout threshold (5) on purpose: real accounts lock first; unknown emails, which cannot
  // lock, are throttled here.
  perAccount: { limit: 10, windowMs: 15 * 60_000 },
};

/**
 * The client's IP as the request headers give it: the first X-Forwarded-For entry (Next.js fills the
 * header from the socket when no proxy set it), else X-Real-IP. Behind a reverse proxy the proxy must
 * overwrite X-Forwarded-For; exposed directly, a client can vary the header to dodge the per-IP limit,
 * which is why the per-account limit and the lockout exist as well.
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  const candidate = forwarded || headers.get("x-real-ip")?.trim() || "";
  const bare = candidate.replace(/^\[|\]$/g, "").replace(/^::ffff:/i, "");
  return isIP(bare) ? bare : "unknown";
}

export type SignInThrottle = {
  check(ip: string, email: string, now?: number): LimitResult;
  fail(ip: string, email: string, now?: number): void;
  succeed(email: string): void;
};

export function createSignInThrottle(limits: SignInLimits = SIGN_IN_LIMITS): SignInThrottle {
  const byIp = new SlidingWindowLimiter(limits.perIp.limit, limits.perIp.windowMs);
  const byAccount = new SlidingWindowLimiter(limits.perAccount.limit, limits.perAccount.windowMs);
  return {
    check(ip, email, now = Date.now()) {
      const a = byIp.check(ip, now);
      const b = byAccount.check(email.toLowerCase(), now);
      if (a.allowed && b.allowed) return { allowed: true };
      return { allowed: false, retryAfterSeconds: Math.max(a.allowed ? 0 : a.retryAfterSeconds, b.allowed ? 0 : b.retryAfterSeconds) };
    },
    fail(ip, email, now = Date.now()) {
      byIp.record(ip, now);
      byAccount.record(email.toLowerCase(), now);
    },
    // A correct password clears the account's window (not the IP's: one good account must not reset
    // the budget for guessing others from the same address).
    succeed(email) {
      byAccount.reset(email.toLowerCase());
    },
  };
}

const globalForThrottle = globalThis as unknown as { meshportSignInThrottle?: SignInThrottle };

/** The process-wide throttle used by the credentials provider. */
export function signInThrottle(): SignInThrottle {
  globalForThrottle.meshportSignInThrottle ??= createSignInThrottle();
  return globalForThrottle.meshportSignInThrottle;
}

export function rateLimitMessage(retryAfterSeconds: number): string {
  const n = Math.max(1, Math.ceil(retryAfterSeconds));
  return `Too many attempts, try again in ${n} second${n === 1 ? "" : "s"}.`;
}
