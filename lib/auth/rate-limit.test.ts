import { describe, expect, it } from "vitest";
import { clientIp, createSignInThrottle, rateLimitMessage, SlidingWindowLimiter } from "./rate-limit";

describe("SlidingWindowLimiter", () => {
  it("allows `limit` events in the window, then refuses until the oldest one expires", () => {
    const l = new SlidingWindowLimiter(3, 60_000);
    const t0 = 1_000_000;
    for (let i = 0; i < 3; i++) {
      expect(l.check("k", t0 + i * 1000).allowed).toBe(true);
      l.record("k", t0 + i * 1000);
    }
    expect(l.check("k", t0 + 5_000)).toEqual({ allowed: false, retryAfterSeconds: 55 });
    // Sliding, not fixed: at t0+60s the first event has left the window, the other two still count.
    expect(l.check("k", t0 + 60_000).allowed).toBe(true);
    l.record("k", t0 + 60_000);
    expect(l.check("k", t0 + 60_500)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it("keeps keys apart and forgets a key on reset", () => {
    const l = new SlidingWindowLimiter(1, 60_000);
    l.record("a", 0);
    expect(l.check("a", 1).allowed).toBe(false);
    expect(l.check("b", 1).allowed).toBe(true);
    l.reset("a");
    expect(l.check("a", 2).allowed).toBe(true);
  });

  it("remembers at most maxKeys keys, dropping the least recently hit", () => {
    const l = new SlidingWindowLimiter(1, 60_000, 3);
    for (const k of ["a", "b", "c"]) l.record(k, 0);
    l.record("a", 1); // a is now the most recent
    l.record("d", 2);
    expect(l.size).toBe(3);
    expect(l.check("b", 3).allowed).toBe(true); // evicted
    expect(l.check("a", 3).allowed).toBe(false);
  });

  it("rejects nonsense limits", () => {
    expect(() => new SlidingWindowLimiter(0, 1000)).toThrow();
    expect(() => new SlidingWindowLimiter(1, 0)).toThrow();
  });
});

describe("sign-in throttle", () => {
  const limits = { perIp: { limit: 4, windowMs: 60_000 }, perAccount: { limit: 2, windowMs: 60_000 } };

  it("limits one account from any IP, and one IP across accounts", () => {
    const t = createSignInThrottle(limits);
    t.fail("10.0.0.1", "a@x.io", 0);
    t.fail("10.0.0.2", "A@X.io", 0); // same account, other case, other IP
    expect(t.check("10.0.0.3", "a@x.io", 10).allowed).toBe(false);
    expect(t.check("10.0.0.3", "b@x.io", 10).allowed).toBe(true);

    t.fail("10.0.0.9", "c@x.io", 0);
    t.fail("10.0.0.9", "d@x.io", 0);
    t.fail("10.0.0.9", "e@x.io", 0);
    t.fail("10.0.0.9", "f@x.io", 0);
    const r = t.check("10.0.0.9", "new@x.io", 30_000);
    expect(r).toEqual({ allowed: false, retryAfterSeconds: 30 });
  });

  it("a correct password clears the account window but not the IP window", () => {
    const t = createSignInThrottle(limits);
    t.fail("10.0.0.1", "a@x.io", 0);
    t.fail("10.0.0.1", "a@x.io", 0);
    t.succeed("a@x.io");
    expect(t.check("10.0.0.2", "a@x.io", 1).allowed).toBe(true);
    t.fail("10.0.0.1", "b@x.io", 0);
    t.fail("10.0.0.1", "c@x.io", 0);
    expect(t.check("10.0.0.1", "z@x.io", 1).allowed).toBe(false);
  });
});

describe("clientIp", () => {
  const h = (init: Record<string, string>) => new Headers(init);
  it("takes the first forwarded address, normalised", () => {
    expect(clientIp(h({ "x-forwarded-for": "203.0.113.7, 10.0.0.1" }))).toBe("203.0.113.7");
    expect(clientIp(h({ "x-forwarded-for": "::ffff:127.0.0.1" }))).toBe("127.0.0.1");
    expect(clientIp(h({ "x-forwarded-for": "[2001:db8::1]" }))).toBe("2001:db8::1");
    expect(clientIp(h({ "x-real-ip": "198.51.100.2" }))).toBe("198.51.100.2");
  });
  it("never uses arbitrary header text as a key", () => {
    expect(clientIp(h({ "x-forwarded-for": "<script>, 1.2.3.4" }))).toBe("unknown");
    expect(clientIp(h({}))).toBe("unknown");
  });
});

describe("rateLimitMessage", () => {
  it("says how long to wait", () => {
    expect(rateLimitMessage(42)).toBe("Too many attempts, try again in 42 seconds.");
    expect(rateLimitMessage(0.2)).toBe("Too many attempts, try again in 1 second.");
  });
});
