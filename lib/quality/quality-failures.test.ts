import { describe, expect, it } from "vitest";
import { qualityFailures } from "./quality-failures";

describe("quality failures against the policy", () => {
  const metrics = { completeness: 97, accuracy: 99.5, consistency: 80 };
  it("lists each measured metric below its threshold; quality_requirements win over data_quality", () => {
    expect(
      qualityFailures(metrics, {
        quality_requirements: { completeness: 98, freshness: "1_hour" },
        data_quality: [
          { metric: "completeness", threshold: 90 },
          { metric: "accuracy", threshold: 99 },
          { metric: "consistency", threshold: 95 },
        ],
      }),
    ).toEqual([
      { metric: "completeness", score: 97, threshold: 98 },
      { metric: "consistency", score: 80, threshold: 95 },
    ]);
  });
  it("nothing without a policy or thresholds", () => {
    expect(qualityFailures(metrics, null)).toEqual([]);
    expect(qualityFailures(metrics, { data_quality: [] })).toEqual([]);
  });
});
