import { describe, expect, it } from "vitest";
import { formatUtc } from "@/components/governance/format";

describe("formatUtc", () => {
  it("writes the time in UTC, and nothing for an unknown time", () => {
    expect(formatUtc("2025-03-12T14:05:00.000Z")).toBe("12 Mar 2025, 14:05 UTC");
    expect(formatUtc("2025-09-01T00:05:00+02:00")).toBe("31 Aug 2025, 22:05 UTC");
    expect(formatUtc(null)).toBe("");
    expect(formatUtc(undefined)).toBe("");
  });
});
