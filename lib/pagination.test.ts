import { describe, expect, it } from "vitest";
import { MAX_PAGE, pageOffset, parsePage } from "@/lib/pagination";

describe("parsePage", () => {
  it.each([
    [undefined, 1],
    [null, 1],
    ["", 1],
    ["1", 1],
    ["7", 7],
    [" 12 ", 12],
    ["007", 7],
    ["0", 1],
    ["-3", 1],
    ["2.5", 1],
    ["1e3", 1],
    ["NaN", 1],
    ["Infinity", 1],
    ["0x10", 1],
    ["abc", 1],
    ["1\u00002", 1],
    ["99999999999999999999", MAX_PAGE],
    ["9".repeat(400), MAX_PAGE],
    [String(MAX_PAGE + 1), MAX_PAGE],
    [String(MAX_PAGE), MAX_PAGE],
    [["3", "9"], 3],
    [[], 1],
    [4, 4],
    [Number.NaN, 1],
    [-1, 1],
    [1.5, 1],
    [1e20, MAX_PAGE],
    [{}, 1],
  ])("%j → %d", (raw, expected) => {
    expect(parsePage(raw)).toBe(expected);
  });

  it("honours a smaller maximum", () => {
    expect(parsePage("50", 20)).toBe(20);
  });
});

describe("pageOffset", () => {
  it("is 0 for page 1 and never beyond the last allowed page", () => {
    expect(pageOffset(1, 20)).toBe(0);
    expect(pageOffset(3, 20)).toBe(40);
    expect(pageOffset(Number.MAX_SAFE_INTEGER, 20)).toBe((MAX_PAGE - 1) * 20);
  });
});
