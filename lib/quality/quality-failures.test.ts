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
  it("names the datasets below the threshold when the product has several", () => {
    const policy = { data_quality: [{ metric: "completeness", threshold: 95 }] };
    const datasets = [
      { key: "orders", metrics: { ...metrics, completeness: 100 } },
      { key: "customers", metrics: { ...metrics, completeness: 90 } },
    ];
    expect(qualityFailures({ ...metrics, completeness: 93 }, policy, datasets)).toEqual([
      { metric: "completeness", score: 93, threshold: 95, datasets: ["customers"] },
    ]);
    expect(qualityFailures({ ...metrics, completeness: 90 }, policy, [datasets[1]])).toEqual([
      { metric: "completeness", score: 90, threshold: 95 },
    ]);
  });
  it("nothing without a policy or thresholds", () => {
    expect(qualityFailures(metrics, null)).toEqual([]);
    expect(qualityFailures(metrics, { data_quality: [] })).toEqual([]);
  });
});
