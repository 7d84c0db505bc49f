import { describe, expect, it } from "vitest";
import { WEBHOOK_MAX_ATTEMPTS, retryDelaySeconds, retrySchedule } from "./backoff";

describe("webhook retry backoff", () => {
  it("waits 30 s × 4^(n−1) after the n-th failed attempt", () => {
    expect([1, 2, 3, 4, 5, 6].map(retryDelaySeconds)).toEqual([30, 120, 480, 1920, 7680, 30720]);
    expect(retrySchedule()).toEqual([30, 120, 480, 1920, 7680, 30720]);
  });

  it("each wait is longer than the one before", () => {
    const s = retrySchedule();
    for (let i = 1; i < s.length; i++) expect(s[i]).toBeGreaterThan(s[i - 1]);
  });

  it("gives up after the last attempt, and refuses nonsense", () => {
    expect(retryDelaySeconds(WEBHOOK_MAX_ATTEMPTS)).toBeNull();
    expect(retryDelaySeconds(WEBHOOK_MAX_ATTEMPTS + 5)).toBeNull();
    expect(retryDelaySeconds(0)).toBeNull();
    expect(retryDelaySeconds(1.5)).toBeNull();
  });
});
