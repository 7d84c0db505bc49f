import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compareDurations,
  DURATION_UNITS,
  describeDuration,
  durationError,
  durationFromMinutes,
  durationMinutes,
  durationSeconds,
  formatDuration,
  FRESHNESS_UNITS,
  isDuration,
  parseDuration,
  RETENTION_UNITS,
} from "./duration";

describe("parseDuration", () => {
  it("parses the seed's retention and freshness spellings", () => {
    expect(parseDuration("7_years")).toEqual({ amount: 7, unit: "year" });
    expect(parseDuration("1_year")).toEqual({ amount: 1, unit: "year" });
    expect(parseDuration("1_hour")).toEqual({ amount: 1, unit: "hour" });
    expect(parseDuration("4_hours")).toEqual({ amount: 4, unit: "hour" });
    expect(parseDuration("90_days")).toEqual({ amount: 90, unit: "day" });
  });

  it("accepts a mismatched singular/plural but nothing vaguer", () => {
    expect(parseDuration("2_year")).toEqual({ amount: 2, unit: "year" });
    for (const bad of ["forever", "0_days", "-1_days", "1.5_hours", "7 years", "7years", "07_days", "3_decades", "", "_days"]) {
      expect(parseDuration(bad), bad).toBeNull();
    }
  });

  it("restricts units when asked", () => {
    expect(parseDuration("30_minutes", RETENTION_UNITS)).toBeNull();
    expect(parseDuration("1_year", FRESHNESS_UNITS)).toBeNull();
    expect(isDuration("6_months", RETENTION_UNITS)).toBe(true);
    expect(isDuration(6)).toBe(false);
  });
});

describe("durationError", () => {
  it("explains what is wrong in plain words", () => {
    expect(durationError("7_years", RETENTION_UNITS)).toBeNull();
    expect(durationError("forever", RETENTION_UNITS)).toMatch(/<number>_<unit>.*got "forever"/);
    expect(durationError("15_minutes", RETENTION_UNITS)).toMatch(/unit "minute" is not allowed/);
    expect(durationError(7, RETENTION_UNITS)).toMatch(/got 7$/);
  });
});

describe("comparisons", () => {
  it("orders durations across units, calendar-aware", () => {
    expect(compareDurations("12_months", "1_year")).toBe(0);
    expect(compareDurations("52_weeks", "1_year")).toBe(-1);
    expect(compareDurations("53_weeks", "1_year")).toBe(1);
    expect(compareDurations("365_days", "1_year")).toBe(-1);
    expect(compareDurations("366_days", "1_year")).toBe(1);
    expect(compareDurations("30_days", "1_month")).toBe(-1);
    expect(compareDurations("31_days", "1_month")).toBe(1);
    expect(compareDurations("7_years", "3_years")).toBe(1);
    expect(compareDurations("60_minutes", "1_hour")).toBe(0);
    expect(compareDurations("4_hours", "1_hour")).toBe(1);
  });

  it("converts to seconds and minutes", () => {
    expect(durationSeconds("1_day")).toBe(86_400);
    expect(durationMinutes("4_hours")).toBe(240);
    expect(() => durationSeconds("forever")).toThrow(/Not a duration/);
  });

  it("is a total order consistent with seconds (property)", () => {
    const duration = fc.record({ amount: fc.integer({ min: 1, max: 10_000 }), unit: fc.constantFrom(...DURATION_UNITS) });
    fc.assert(
      fc.property(duration, duration, (a, b) => {
        expect(compareDurations(a, b) + compareDurations(b, a)).toBe(0); // antisymmetric (no -0 via toBe)
        expect(compareDurations(a, b)).toBe(Math.sign(durationSeconds(a) - durationSeconds(b)) + 0);
        expect(compareDurations(formatDuration(a), formatDuration(b))).toBe(compareDurations(a, b));
      }),
      {
        examples: [
          [
            { amount: 12, unit: "month" },
            { amount: 1, unit: "year" },
          ],
        ],
      },
    );
  });
});

describe("formatting", () => {
  it("round-trips the canonical spelling (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999 }), fc.constantFrom(...DURATION_UNITS), (amount, unit) => {
        expect(parseDuration(formatDuration({ amount, unit }))).toEqual({ amount, unit });
      }),
    );
  });

  it("describes and converts SLO minutes to the largest exact unit", () => {
    expect(formatDuration({ amount: 1, unit: "year" })).toBe("1_year");
    expect(describeDuration("4_hours")).toBe("4 hours");
    expect(describeDuration("1_hour")).toBe("1 hour");
    expect(durationFromMinutes(60)).toEqual({ amount: 1, unit: "hour" });
    expect(durationFromMinutes(90)).toEqual({ amount: 90, unit: "minute" });
    expect(durationFromMinutes(2_880)).toEqual({ amount: 2, unit: "day" });
    expect(durationFromMinutes(10_080)).toEqual({ amount: 1, unit: "week" });
    expect(durationFromMinutes(0)).toBeNull();
    expect(durationFromMinutes(1.5)).toBeNull();
  });
});
