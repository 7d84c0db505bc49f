import { describe, expect, it } from "vitest";
import { formatBytes, formatUtc, plural } from "./format";

describe("formatUtc", () => {
  it("writes the time in UTC, and nothing for an unknown time", () => {
    expect(formatUtc("2025-03-12T14:05:00.000Z")).toBe("12 Mar 2025, 14:05 UTC");
    expect(formatUtc("2025-09-01T00:05:00+02:00")).toBe("31 Aug 2025, 22:05 UTC");
    expect(formatUtc(null)).toBe("");
    expect(formatUtc(undefined)).toBe("");
  });
});

describe("formatBytes", () => {
  it("uses the largest unit below 1024", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1536)).toBe("1.5 kB");
    expect(formatBytes(12 * 1024 * 1024)).toBe("12.0 MB");
    expect(formatBytes(1.25 * 1024 ** 3)).toBe("1.25 GB");
  });
});

describe("plural", () => {
  it("uses the singular for exactly one and the plural otherwise", () => {
    expect(plural(1, "rating")).toBe("1 rating");
    expect(plural(0, "run")).toBe("0 runs");
    expect(plural(2, "policy", "policies")).toBe("2 policies");
    expect(plural(12345, "row")).toBe("12,345 rows");
  });
});
