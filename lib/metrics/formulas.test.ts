import { describe, expect, it } from "vitest";
import {
  availability,
  bytesPerRow,
  costReduction,
  DEFAULT_COST_MODEL,
  growth,
  histogramQuantile,
  innovationRate,
  meanOf,
  median,
  percentile,
  qualityScore,
  satisfaction,
  timesToFirstRead,
  trend,
} from "@/lib/metrics/formulas";
import { bucketFor, rollupKeys } from "@/lib/metrics/rollup-keys";

describe("availability", () => {
  it("counts 5xx requests and failed probes as unavailable, together", () => {
    // 998 good requests + 2 server errors, 10 probes of which 1 failed
    expect(availability({ count: 1000, flagged: 2 }, { count: 10, flagged: 1 })).toBeCloseTo(1007 / 1010, 10);
  });
  it("is unknown without any request or probe", () => {
    expect(availability({ count: 0, flagged: 0 })).toBeNull();
  });
  it("derives the flag from the status: a 404 is an answer, a 503 or no answer is not", () => {
    const flagged = (status: number) => rollupKeys({ type: "api_request", status, durationMs: 10 })[0].flagged;
    expect([200, 404, 401, 500, 503, 0].map(flagged)).toEqual([false, false, false, true, true, true]);
    expect(rollupKeys({ type: "api_request", status: 200, flagged: true })[0].flagged).toBe(true);
  });
});

describe("quality", () => {
  it("scores a run as the mean of its three dimensions", () => {
    expect(qualityScore({ completeness: 90, accuracy: 100, consistency: 80 })).toBe(90);
    expect(qualityScore({ completeness: 120, accuracy: -5, consistency: 50 })).toBe(50);
  });
  it("averages runs through rollup sums and counts", () => {
    expect(
      meanOf([
        { count: 2, sum: 180 },
        { count: 1, sum: 60 },
      ]),
    ).toBe(80);
    expect(meanOf([])).toBeNull();
  });
});

describe("latency percentiles", () => {
  it("interpolates within histogram buckets like histogram_quantile", () => {
    // 100 runs: 50 in (50,100], 50 in (100,250]
    const b = [
      { le: 100, count: 50 },
      { le: 250, count: 50 },
    ];
    expect(histogramQuantile(b, 0.5)).toBe(100);
    expect(histogramQuantile(b, 0.95)).toBeCloseTo(100 + 150 * 0.9, 6);
    expect(histogramQuantile([], 0.5)).toBeNull();
  });
  it("places durations in their bucket and reports the open bucket by its lower bound", () => {
    expect(bucketFor(100)).toBe(100);
    expect(bucketFor(101)).toBe(250);
    expect(histogramQuantile([{ le: Infinity, count: 3 }], 0.5)).toBe(600_000);
  });
  it("computes exact percentiles of small lists", () => {
    expect(percentile([10, 20, 30, 40], 0.5)).toBe(25);
    expect(median([5])).toBe(5);
    expect(median([])).toBeNull();
  });
});

describe("storage efficiency", () => {
  it("divides bytes by rows and leaves empty tables undefined", () => {
    expect(bytesPerRow(8192 * 10, 1000)).toBeCloseTo(81.92);
    expect(bytesPerRow(8192, 0)).toBeNull();
  });
});

describe("time to insight", () => {
  it("takes the median time from publication to first read, for first reads inside the period", () => {
    const day = 86_400_000;
    const t0 = Date.UTC(2026, 0, 1);
    const items = [
      { publishedAt: new Date(t0), firstReadAt: new Date(t0 + 2 * day) },
      { publishedAt: new Date(t0), firstReadAt: new Date(t0 + 4 * day) },
      { publishedAt: new Date(t0), firstReadAt: new Date(t0 + 9 * day) },
      { publishedAt: new Date(t0), firstReadAt: null },
      { publishedAt: new Date(t0 - 90 * day), firstReadAt: new Date(t0 - 80 * day) }, // before the period
    ];
    const times = timesToFirstRead(items, t0, t0 + 30 * day);
    expect(times).toEqual([2 * day, 4 * day, 9 * day]);
    expect(median(times)).toBe(4 * day);
  });
});

describe("usage", () => {
  it("reports growth against the previous period", () => {
    expect(growth(150, 100)).toBe(0.5);
    expect(growth(10, 0)).toBeNull();
  });
});

describe("cost model", () => {
  it("compares template costs with the central-team baseline", () => {
    const est = costReduction(DEFAULT_COST_MODEL, { batch_analytics: 2, real_time_streaming: 1, unknown_template: 1 });
    expect(est.products).toBe(4);
    expect(est.baselineMonthly).toBe(16_000);
    expect(est.meshMonthly).toBe(2 * 1200 + 2600 + 1800);
    expect(est.savingMonthly).toBe(16_000 - 6_800);
    expect(est.savingRatio).toBeCloseTo(9_200 / 16_000);
    expect(costReduction(DEFAULT_COST_MODEL, {}).savingRatio).toBeNull();
  });
});

describe("satisfaction", () => {
  it("gives mean, count and distribution of 1–5 ratings", () => {
    const s = satisfaction([5, 4, 4, 1, 7]);
    expect(s.count).toBe(4);
    expect(s.mean).toBe(3.5);
    expect(s.distribution).toEqual([1, 0, 0, 2, 1]);
  });
});

describe("innovation rate and trend", () => {
  it("counts publications per month", () => {
    expect(innovationRate(6, 3)).toBe(2);
    expect(innovationRate(1, 0)).toBeNull();
  });
  it("compares with the previous period", () => {
    expect(trend(120, 100)).toMatchObject({ delta: 20, change: 0.2, direction: "up" });
    expect(trend(99.9, 99.91).direction).toBe("flat");
    expect(trend(80, 100).direction).toBe("down");
    expect(trend(null, 100).direction).toBe("none");
  });
});

describe("rollup keys", () => {
  it("files a read per day, week and month for the mesh and the domain, per day and month for the product, and per reader", () => {
    const keys = rollupKeys({ type: "product_read", at: "2026-03-04T10:00:00.000Z", domainId: "d", productId: "p", userId: "u" });
    const has = (type: string, domainId: string, productId: string, day: string) =>
      keys.some((k) => k.type === type && k.domainId === domainId && k.productId === productId && k.day === day);
    expect(has("product_read", "", "", "2026-03-04")).toBe(true);
    expect(has("product_read@week", "d", "", "2026-03-02")).toBe(true);
    expect(has("product_read@month", "d", "p", "2026-03-01")).toBe(true);
    expect(keys.some((k) => k.type === "product_read@week" && k.productId === "p")).toBe(false);
    expect(has("active_consumer@month", "", "u", "2026-03-01")).toBe(true);
    expect(has("active_consumer", "d", "u", "2026-03-04")).toBe(true);
    expect(keys).toHaveLength(3 + 3 + 2 + 3 + 3);
  });

  it("files a registration for the mesh and the domain only: a product is registered once", () => {
    const keys = rollupKeys({ type: "product_registered", at: "2026-03-04T10:00:00.000Z", domainId: "d", productId: "p", userId: "u" });
    expect(keys.map((k) => `${k.type} ${k.domainId || "-"} ${k.productId || "-"} ${k.day}`).sort()).toEqual([
      "product_registered - - 2026-03-04",
      "product_registered d - 2026-03-04",
      "product_registered@month - - 2026-03-01",
      "product_registered@month d - 2026-03-01",
      "product_registered@week - - 2026-03-02",
      "product_registered@week d - 2026-03-02",
    ]);
  });
});
