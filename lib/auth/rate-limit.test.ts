import { describe, expect, it } from "vitest";
import { backoffSeconds, clientIp, rateLimitMessage, SIGN_IN_LIMITS } from "./rate-limit";

describe("backoffSeconds", () => {
  const p = { free: 3, baseSeconds: 1, maxSeconds: 60, resetSeconds: 3600 };
  it("lets the first few failures through, then doubles the wait up to the cap", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((f) => backoffSeconds(p, f))).toEqual([0, 0, 0, 1, 2, 4, 8, 16, 32, 60]);
    expect(backoffSeconds(p, 1000)).toBe(60);
  });
  it("the per-client cap is far more generous than the per-(account, client) backoff", () => {
    expect(backoffSeconds(SIGN_IN_LIMITS.perIp, SIGN_IN_LIMITS.perPair.free + 5)).toBe(0);
    expect(backoffSeconds(SIGN_IN_LIMITS.perPair, SIGN_IN_LIMITS.perPair.free + 5)).toBeGreaterThan(0);
    expect(backoffSeconds(SIGN_IN_LIMITS.perIp, SIGN_IN_LIMITS.perIp.free + 1)).toBeGreaterThan(0);
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
