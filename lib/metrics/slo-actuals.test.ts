import { describe, expect, it } from "vitest";
import { formatAvailability, sloVerdicts, type SloActuals } from "@/lib/metrics/slo-actuals";

const slo = { availability: 99.9, latencyMs: 200, freshnessMinutes: 60 };
const measured = (over: Partial<SloActuals>): SloActuals => ({
  days: 30,
  samples: 1000,
  availability: 99.95,
  latencyP95Ms: 120,
  requests: 800,
  minutesSinceLoad: 30,
  ...over,
});

describe("service levels against actuals", () => {
  it("meets each objective at its boundary and misses just past it", () => {
    expect(sloVerdicts(slo, measured({ availability: 99.9, latencyP95Ms: 200, minutesSinceLoad: 60 }))).toEqual({
      availability: { actual: 99.9, meets: true },
      latencyMs: { actual: 200, meets: true },
      freshnessMinutes: { actual: 60, meets: true },
    });
    expect(sloVerdicts(slo, measured({ availability: 99.89, latencyP95Ms: 200.5, minutesSinceLoad: 61 }))).toEqual({
      availability: { actual: 99.89, meets: false },
      latencyMs: { actual: 200.5, meets: false },
      freshnessMinutes: { actual: 61, meets: false },
    });
  });

  it("says nothing was measured rather than claiming a verdict", () => {
    const v = sloVerdicts(slo, measured({ samples: 0, availability: null, latencyP95Ms: null, requests: 0, minutesSinceLoad: null }));
    expect(Object.values(v).every((x) => x.actual === null && x.meets === null)).toBe(true);
  });

  it("never rounds an availability up to a target it missed", () => {
    expect(formatAvailability(99.899)).toBe("99.89 %");
    expect(formatAvailability(99.99999)).toBe("99.99 %");
    expect(formatAvailability(100)).toBe("100 %");
    expect(formatAvailability(0)).toBe("0 %");
  });
});
