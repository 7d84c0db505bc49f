import { describe, expect, it } from "vitest";
import { targetsFrom } from "@/lib/metrics/targets";

const seedPolicy = {
  data_quality: [
    { metric: "completeness" as const, threshold: 95, enforcement: "warning" as const },
    { metric: "accuracy" as const, threshold: 98, enforcement: "error" as const },
    { metric: "consistency" as const, threshold: 99, enforcement: "error" as const },
    { metric: "timeliness" as const, threshold: 50, enforcement: "warning" as const },
  ],
};

describe("dashboard target lines", () => {
  it("aims the quality score at the mean of its three dimensions' thresholds, nothing else", () => {
    expect(targetsFrom(seedPolicy, [99.5, 99.9]).quality).toBe(97.33);
  });

  it("lets a domain's quality requirements replace a dimension's threshold", () => {
    expect(targetsFrom({ ...seedPolicy, quality_requirements: { completeness: 99, accuracy: 99.5 } }, []).quality).toBe(99.17);
  });

  it("takes the policy's availability floor, else the lowest a template promises", () => {
    expect(targetsFrom(seedPolicy, [99.9, 99.5, Number.NaN]).availability).toBe(99.5);
    expect(targetsFrom({ ...seedPolicy, quality_requirements: { availability: 99.95 } }, [99.5]).availability).toBe(99.95);
  });

  it("draws no line where nothing was promised", () => {
    expect(targetsFrom(null, [])).toEqual({ availability: null, quality: null });
    expect(targetsFrom({ data_quality: [] }, [Number.NaN])).toEqual({ availability: null, quality: null });
  });
});
