import { describe, expect, it } from "vitest";
import { batchesOf } from "./batches";

describe("batchesOf", () => {
  it("cuts every 1,000 documents", () => {
    expect(batchesOf(Array(2_500).fill(1_500))).toEqual([
      [0, 1_000],
      [1_000, 2_000],
      [2_000, 2_500],
    ]);
  });

  it("cuts before the byte budget is exceeded, and sends an oversized document alone", () => {
    expect(batchesOf([4, 4, 4, 9, 1], 10, 10)).toEqual([
      [0, 2],
      [2, 3],
      [3, 5],
    ]);
    expect(batchesOf([4, 12, 4], 10, 10)).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
    expect(batchesOf([5, 5], 10, 10)).toEqual([[0, 2]]);
  });

  it("covers every document exactly once, in order", () => {
    const sizes = Array.from({ length: 3_333 }, (_, i) => (i * 7919) % 20_000);
    const batches = batchesOf(sizes, 1_000, 2_000_000);
    expect(batches[0][0]).toBe(0);
    expect(batches.at(-1)?.[1]).toBe(sizes.length);
    for (let i = 1; i < batches.length; i++) expect(batches[i][0]).toBe(batches[i - 1][1]);
    for (const [s, e] of batches) {
      expect(e - s).toBeLessThanOrEqual(1_000);
      expect(sizes.slice(s, e).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(2_000_000);
    }
  });

  it("has nothing to send for no documents", () => {
    expect(batchesOf([])).toEqual([]);
  });
});
