import { describe, expect, it } from "vitest";
import { seedDomain, seedGlobal } from "../__fixtures__/seed";
import { deepEqual, diffPolicies, formatPolicyValue, policyValueLines } from "./diff";

describe("diffPolicies", () => {
  it("finds nothing between a policy and its copy", () => {
    expect(diffPolicies(seedGlobal(), structuredClone(seedGlobal()))).toEqual([]);
  });

  it("names a changed map entry by its path, with before and after", () => {
    const before = seedDomain("sales");
    const after = { ...before, quality_requirements: { ...before.quality_requirements, freshness: "15_minutes" } };
    expect(diffPolicies(before, after)).toEqual([
      { path: "quality_requirements.freshness", kind: "changed", before: "1_hour", after: "15_minutes" },
    ]);
  });

  it("matches rules by identity, so reordering is not a change and a field change names the rule", () => {
    const before = seedGlobal();
    const after = structuredClone(before);
    after.data_classification.reverse();
    after.data_classification.find((c) => c.level === "restricted")!.retention = "6_months";
    expect(diffPolicies(before, after)).toEqual([
      { path: "data_classification[restricted].retention", kind: "changed", before: "1_year", after: "6_months" },
    ]);
  });

  it("reports added and removed rules whole", () => {
    const before = seedGlobal();
    const after = structuredClone(before);
    after.access_control = after.access_control.filter((r) => r.role !== "data_admin");
    after.access_control.push({ role: "executive", permissions: ["read"], data_access: ["public"] });
    const changes = diffPolicies(before, after);
    expect(changes.map((c) => [c.path, c.kind])).toEqual([
      ["access_control[data_admin]", "removed"],
      ["access_control[executive]", "added"],
    ]);
    expect(changes[1].after).toEqual({ role: "executive", permissions: ["read"], data_access: ["public"] });
    expect(changes[0].after).toBeUndefined();
  });

  it("treats value lists as sets but reports a real change of them", () => {
    const before = seedGlobal();
    const reordered = structuredClone(before);
    reordered.access_control[0].data_access.reverse();
    expect(diffPolicies(before, reordered)).toEqual([]);
    const widened = structuredClone(before);
    widened.access_control[0].data_access.push("confidential");
    expect(diffPolicies(before, widened)).toEqual([
      {
        path: "access_control[data_consumer].data_access",
        kind: "changed",
        before: ["public", "internal"],
        after: ["public", "internal", "confidential"],
      },
    ]);
  });

  it("diffs compliance requirements and top-level switches", () => {
    const before = seedGlobal();
    const after = structuredClone(before);
    after.compliance[0].requirements.data_portability = false;
    after.locked = ["data_classification"];
    after.domain_overrides_allowed = false;
    expect(diffPolicies(before, after)).toEqual([
      { path: "compliance[gdpr].requirements.data_portability", kind: "changed", before: true, after: false },
      { path: "locked", kind: "changed", before: [], after: ["data_classification"] },
      { path: "domain_overrides_allowed", kind: "changed", before: true, after: false },
    ]);
  });

  it("treats a missing policy as everything added (a domain's first version)", () => {
    const changes = diffPolicies(undefined, seedDomain("finance"));
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ path: "", kind: "added" });
    expect(diffPolicies({}, { data_retention: "7_years" })).toEqual([
      { path: "data_retention", kind: "added", before: undefined, after: "7_years" },
    ]);
  });
});

describe("deepEqual and formatPolicyValue", () => {
  it("ignores undefined keys and compares lists in order", () => {
    expect(deepEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(deepEqual([1, 2], [2, 1])).toBe(false);
  });
  it("renders values for a table cell", () => {
    expect(formatPolicyValue(["read", "write"])).toBe("read, write");
    expect(formatPolicyValue(undefined)).toBe("—");
    expect(formatPolicyValue({ completeness: 98, freshness: "1_hour" })).toBe("completeness: 98, freshness: 1_hour");
  });
});

describe("policyValueLines", () => {
  it("puts one rule per line, led by its identity", () => {
    expect(policyValueLines(seedGlobal().access_control)[0]).toBe("data_consumer: permissions read; data access public, internal");
    expect(policyValueLines("1_hour")).toEqual(["1_hour"]);
  });
});
