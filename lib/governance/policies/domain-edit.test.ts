import { describe, expect, it } from "vitest";
import { lockedGlobal, seedDomain, seedGlobal } from "../__fixtures__/seed";
import { changedDomainPaths, domainFieldKey, domainPathLocks, globalAllowsDomainEdits, lockedChanges } from "./domain-edit";
import type { DomainPolicy } from "./types";

const sales = seedDomain("sales");

describe("domain edit rules", () => {
  it("lists the changed paths of a domain policy", () => {
    const after: DomainPolicy = {
      ...sales,
      quality_requirements: { ...sales.quality_requirements, freshness: "15_minutes" },
      overrides: { data_quality: [] },
    };
    expect(changedDomainPaths(sales, after)).toEqual(["quality_requirements.freshness", "data_quality"]);
    expect(changedDomainPaths(null, { domain: "ops", data_retention: "1_year" })).toEqual(["data_retention"]);
  });

  it("refuses setting a locked path and names its field, but lets a domain clear one", () => {
    const global = lockedGlobal(); // locks data_classification, access_control, quality_requirements.accuracy
    const raised: DomainPolicy = { ...sales, quality_requirements: { ...sales.quality_requirements, accuracy: 99.9 } };
    expect(lockedChanges(global, sales, raised)).toEqual([
      {
        path: "quality_requirements.accuracy",
        field: "quality_requirements.accuracy",
        message: "quality_requirements.accuracy is locked by the global policy; domains cannot override it",
      },
    ]);
    const withOverride: DomainPolicy = {
      ...sales,
      overrides: { access_control: [{ role: "data_consumer", permissions: ["read"], data_access: ["public"] }] },
    };
    expect(lockedChanges(global, sales, withOverride).map((c) => c.field)).toEqual(["overrides.access_control"]);
    const { accuracy: _a, ...withoutAccuracy } = sales.quality_requirements!;
    expect(lockedChanges(global, sales, { ...sales, quality_requirements: withoutAccuracy })).toEqual([]);
    expect(lockedChanges(global, sales, { ...sales, data_retention: "1_year" })).toEqual([]);
  });

  it("with overrides disabled, a domain may only fill values the global leaves unset", () => {
    const global = { ...seedGlobal(), locked: [], domain_overrides_allowed: false };
    expect(lockedChanges(global, null, { domain: "ops", data_retention: "1_year" })).toEqual([]);
    expect(lockedChanges(global, null, { domain: "ops", overrides: { data_quality: [] } }).map((c) => c.path)).toEqual(["data_quality"]);
    expect(domainPathLocks(global).data_quality).toMatchObject({ allowed: false, reason: "overrides_disabled" });
  });

  it("says whether domains have anything left to edit", () => {
    expect(globalAllowsDomainEdits(seedGlobal())).toBe(true);
    const everything = [
      "data_classification",
      "access_control",
      "data_quality",
      "compliance",
      "data_retention",
      "access_model",
      "quality_requirements",
    ];
    expect(globalAllowsDomainEdits({ ...seedGlobal(), locked: everything })).toBe(false);
    expect(domainPathLocks(lockedGlobal())["quality_requirements.accuracy"].note).toBe(
      "Locked by global policy (quality_requirements.accuracy)",
    );
    expect(domainFieldKey("compliance")).toBe("overrides.compliance");
  });
});
