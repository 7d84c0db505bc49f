import { describe, expect, it } from "vitest";
import { resolveDomain } from "./time-series-chart";

describe("resolveDomain", () => {
  it("keeps 100 % as the top and puts the bottom just under the lowest value", () => {
    const data = [{ availability: 99.2 }, { availability: 78.4 }, { availability: null }];
    expect(resolveDomain(["auto", 100], data, ["availability"])).toEqual([77, 100]);
  });
  it("keeps a target line below the data in view", () => {
    expect(resolveDomain(["auto", 100], [{ score: 99.6 }], ["score"], [97.33])).toEqual([96, 100]);
    expect(resolveDomain(["auto", 100], [{ score: 99.6 }], ["score"])).toEqual([98, 100]);
  });
  it("leaves other domains alone", () => {
    expect(resolveDomain(undefined, [], ["x"])).toEqual([0, "auto"]);
    expect(resolveDomain([0, "auto"], [{ x: 5 }], ["x"])).toEqual([0, "auto"]);
  });
});
