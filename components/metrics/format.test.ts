import { describe, expect, it } from "vitest";
import { fmtChange } from "./format";
import { trend } from "@/lib/metrics/formulas";

describe("fmtChange", () => {
  it("writes rises and falls with a sign and one decimal", () => {
    expect(fmtChange(trend(125, 100))).toBe("+25.0 %");
    expect(fmtChange(trend(97, 100))).toBe("−3.0 %");
  });
  it("never shows −100.0 % for a figure that is only much smaller", () => {
    // time to insight: three days before, thirty seconds now
    expect(fmtChange(trend(30_000, 3 * 86_400_000))).toBe("÷ 8,640");
  });
  it("shows a true fall to zero as −100.0 %", () => {
    expect(fmtChange(trend(0, 100))).toBe("−100.0 %");
  });
  it("is empty without a base", () => {
    expect(fmtChange(trend(5, 0))).toBe("");
  });
});
