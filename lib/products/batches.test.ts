import { describe, expect, it } from "vitest";
import { batchesOf, requestBytes } from "./batches";

const body = (texts: string[]) => new TextEncoder().encode(JSON.stringify({ documents: texts })).length;

describe("batchesOf", () => {
  it("cuts every 1,000 documents", () => {
    expect(batchesOf(Array<string>(2_500).fill("x".repeat(1_500)))).toEqual([
      [0, 1_000],
      [1_000, 2_000],
      [2_000, 2_500],
    ]);
  });

  it("measures what is sent: a document's escapes count (a newline is two bytes in JSON, é is two in UTF-8)", () => {
    expect(requestBytes("a\nb")).toBe('"a\\nb"'.length + 1);
    expect(requestBytes("é")).toBe(4 + 1);
    const texts = ['"quoted"\n'.repeat(10), "é".repeat(20), "plain"];
    for (const max of [60, 80, 120]) {
      for (const [s, e] of batchesOf(texts, 1_000, max)) if (e - s > 1) expect(body(texts.slice(s, e))).toBeLessThanOrEqual(max);
    }
  });

  it("sends a document too large for any batch alone", () => {
    expect(batchesOf(["a".repeat(10), "b".repeat(200), "c".repeat(10)], 1_000, 100)).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
  });

  it("covers every document exactly once, in order, each request within the limits", () => {
    const texts = Array.from({ length: 2_345 }, (_, i) => "y".repeat((i * 7919) % 5_000));
    const batches = batchesOf(texts, 1_000, 1_000_000);
    expect(batches[0][0]).toBe(0);
    expect(batches.at(-1)?.[1]).toBe(texts.length);
    for (let i = 1; i < batches.length; i++) expect(batches[i][0]).toBe(batches[i - 1][1]);
    for (const [s, e] of batches) {
      expect(e - s).toBeLessThanOrEqual(1_000);
      expect(body(texts.slice(s, e))).toBeLessThanOrEqual(1_000_000);
    }
  });

  it("has nothing to send for no documents", () => {
    expect(batchesOf([])).toEqual([]);
  });
});
