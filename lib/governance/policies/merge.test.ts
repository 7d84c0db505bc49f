import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lockedGlobal, seedDomain, seedGlobal } from "../__fixtures__/seed";
import { canDomainOverride, domainValues, effectivePolicy, globalValues, isLocked, overrideViolations } from "./merge";
import { POLICY_KEYS, type DomainPolicy, type GlobalPolicy } from "./types";

/** The seed's get_effective_policies, translated literally (on copies, to avoid its mutation bug). */
function seedMerge(global: Record<string, unknown>, domain: Record<string, unknown>): Record<string, unknown> {
  const effective: Record<string, unknown> = structuredClone(global);
  for (const [key, value] of Object.entries(domain)) {
    const current = effective[key];
    const isDict = (v: unknown) => v !== null && typeof v === "object" && !Array.isArray(v);
    if (key in effective && isDict(value) && isDict(current)) Object.assign(current as object, value);
    else effective[key] = value;
  }
  return effective;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

const strip = ({ domain: _d, sources: _s, ...values }: ReturnType<typeof effectivePolicy>["policy"]) => values;

describe("effectivePolicy", () => {
  it("is the global policy when there is no domain policy", () => {
    const global = seedGlobal();
    const { policy, provenance } = effectivePolicy(global);
    expect(policy.domain).toBeNull();
    expect(strip(policy)).toEqual(globalValues(global));
    expect(provenance.map((p) => [p.path, p.source, p.locked])).toEqual([
      ["data_classification", "global", false],
      ["access_control", "global", false],
      ["data_quality", "global", false],
      ["compliance", "global", false],
    ]);
  });

  it("applies the seed's sales policy: new keys come from the domain", () => {
    const { policy, provenance } = effectivePolicy(seedGlobal(), seedDomain("sales"));
    expect(policy.domain).toBe("sales");
    expect(policy.data_retention).toBe("3_years");
    expect(policy.access_model).toBe("role_based");
    expect(policy.quality_requirements).toEqual({ completeness: 98, accuracy: 99, freshness: "1_hour" });
    expect(policy.access_control).toEqual(seedGlobal().access_control);
    expect(provenance.filter((p) => p.source === "domain").map((p) => p.path)).toEqual([
      "data_retention",
      "access_model",
      "quality_requirements.completeness",
      "quality_requirements.accuracy",
      "quality_requirements.freshness",
    ]);
    expect(policy.sources["quality_requirements.freshness"]).toBe("domain");
    expect(policy.sources.data_classification).toBe("global");
  });

  it("matches the seed's merge for every seed domain when nothing is locked", () => {
    const global = { ...seedGlobal(), quality_requirements: { completeness: 90, availability: 99 } };
    for (const slug of ["sales", "marketing", "finance"] as const) {
      const domain = seedDomain(slug);
      expect(strip(effectivePolicy(global, domain).policy)).toEqual(seedMerge(globalValues(global), domainValues(domain)));
    }
  });

  it("matches the seed's merge for arbitrary unlocked policies (property)", () => {
    const quality = fc.record(
      {
        completeness: fc.integer({ min: 0, max: 100 }),
        accuracy: fc.integer({ min: 0, max: 100 }),
        freshness: fc.constantFrom("1_hour", "4_hours"),
      },
      { requiredKeys: [] },
    );
    const retention = fc.constantFrom("1_year", "3_years", "90_days");
    const seed = seedGlobal();
    fc.assert(
      fc.property(
        fc.record(
          { data_retention: retention, quality_requirements: quality, access_model: fc.constantFrom("role_based", "strict_role_based") },
          { requiredKeys: [] },
        ),
        fc.record(
          { data_retention: retention, quality_requirements: quality, access_model: fc.constantFrom("role_based", "attribute_based") },
          { requiredKeys: [] },
        ),
        fc.boolean(),
        (g, d, overrideQuality) => {
          const global = { ...seed, ...g } as GlobalPolicy;
          const domain = { domain: "x", ...d, ...(overrideQuality ? { overrides: { data_quality: [] } } : {}) } as DomainPolicy;
          const expected = seedMerge(globalValues(global), domainValues(domain));
          expect(strip(effectivePolicy(global, domain).policy)).toEqual(expected);
        },
      ),
    );
  });

  it("keeps locked global values and says what the domain tried", () => {
    const { policy, provenance } = effectivePolicy(lockedGlobal(), seedDomain("sales"));
    expect(policy.quality_requirements).toEqual({ completeness: 98, accuracy: 98, freshness: "1_hour" });
    const accuracy = provenance.find((p) => p.path === "quality_requirements.accuracy");
    expect(accuracy).toEqual({
      path: "quality_requirements.accuracy",
      value: 98,
      source: "global",
      locked: true,
      rejected: { value: 99, source: "domain" },
    });
    expect(provenance.find((p) => p.path === "access_control")).toMatchObject({ source: "global", locked: true });
    expect(provenance.find((p) => p.path === "quality_requirements.completeness")).toEqual({
      path: "quality_requirements.completeness",
      value: 98,
      source: "domain",
      locked: false,
    });
  });

  it("records what a domain value overrides", () => {
    const global = { ...seedGlobal(), data_retention: "5_years" };
    const { provenance } = effectivePolicy(global, seedDomain("finance"));
    expect(provenance.find((p) => p.path === "data_retention")).toEqual({
      path: "data_retention",
      value: "7_years",
      source: "domain",
      locked: false,
      overrides: { value: "5_years", source: "global" },
    });
  });

  it("replaces lists whole, as the seed does", () => {
    const domain: DomainPolicy = {
      domain: "ops",
      overrides: { data_quality: [{ metric: "accuracy", threshold: 99, enforcement: "error" }] },
    };
    const { policy, provenance } = effectivePolicy(seedGlobal(), domain);
    expect(policy.data_quality).toEqual([{ metric: "accuracy", threshold: 99, enforcement: "error" }]);
    expect(provenance.find((p) => p.path === "data_quality")?.overrides?.value).toEqual(seedGlobal().data_quality);
  });

  it("locking a map key locks all of its entries, and an unset locked path stays unset", () => {
    const global = { ...seedGlobal(), locked: ["quality_requirements", "data_retention"] };
    const { policy, provenance } = effectivePolicy(global, seedDomain("marketing"));
    expect(policy.quality_requirements).toEqual({});
    expect(policy.data_retention).toBeUndefined();
    expect(provenance.find((p) => p.path === "quality_requirements.freshness")).toEqual({
      path: "quality_requirements.freshness",
      value: undefined,
      source: "global",
      locked: true,
      rejected: { value: "4_hours", source: "domain" },
    });
  });

  it("does not mutate its inputs (the seed's update() did)", () => {
    const global = deepFreeze({ ...seedGlobal(), quality_requirements: { completeness: 90 } });
    const sales = deepFreeze(seedDomain("sales"));
    expect(() => effectivePolicy(global, sales)).not.toThrow();
    expect(effectivePolicy(global, seedDomain("marketing")).policy.quality_requirements?.completeness).toBe(95);
  });
});

describe("overrideViolations", () => {
  it("lists each seed domain's attempt to change the locked accuracy", () => {
    const global = lockedGlobal();
    expect(overrideViolations(global, seedDomain("sales"))).toEqual([
      {
        path: "quality_requirements.accuracy",
        domainValue: 99,
        globalValue: 98,
        reason: "locked",
        message:
          'Domain "sales" sets quality_requirements.accuracy to 99, but the global policy locks quality_requirements.accuracy; the global value 98 applies.',
      },
    ]);
    expect(overrideViolations(global, seedDomain("marketing")).map((v) => v.domainValue)).toEqual([97]);
    expect(overrideViolations(global, seedDomain("finance")).map((v) => v.domainValue)).toEqual([99.5]);
  });

  it("reports overrides of locked lists, but not values equal to the global", () => {
    const global = lockedGlobal();
    const domain: DomainPolicy = {
      domain: "ops",
      quality_requirements: { accuracy: 98 },
      overrides: { access_control: [{ role: "data_consumer", permissions: ["read"], data_access: ["public"] }], data_quality: [] },
    };
    expect(overrideViolations(global, domain).map((v) => [v.path, v.reason])).toEqual([["access_control", "locked"]]);
  });

  it("with overrides disabled, blocks changes to global values but not new values", () => {
    const global = { ...seedGlobal(), domain_overrides_allowed: false, data_retention: "5_years" };
    const violations = overrideViolations(global, seedDomain("sales"));
    expect(violations.map((v) => [v.path, v.reason])).toEqual([["data_retention", "overrides_disabled"]]);
    expect(violations[0].message).toMatch(/does not allow domain overrides/);
    const { policy } = effectivePolicy(global, seedDomain("sales"));
    expect(policy.data_retention).toBe("5_years");
    expect(policy.quality_requirements?.freshness).toBe("1_hour");
  });

  it("is empty for the seed's domains under the seed's (unlocked) policy", () => {
    for (const slug of ["sales", "marketing", "finance"] as const) expect(overrideViolations(seedGlobal(), seedDomain(slug))).toEqual([]);
  });
});

describe("canDomainOverride / isLocked", () => {
  it("answers per path", () => {
    const global = lockedGlobal();
    expect(isLocked(global, "quality_requirements.accuracy")).toBe(true);
    expect(isLocked(global, "quality_requirements.completeness")).toBe(false);
    expect(isLocked(global, "access_control_extra")).toBe(false);
    expect(canDomainOverride(global, "access_control")).toEqual({ allowed: false, reason: "locked" });
    expect(canDomainOverride(global, "data_retention")).toEqual({ allowed: true });
    const closed = { ...global, domain_overrides_allowed: false };
    expect(canDomainOverride(closed, "data_quality")).toEqual({ allowed: false, reason: "overrides_disabled" });
    expect(canDomainOverride(closed, "quality_requirements.freshness")).toEqual({ allowed: true });
  });

  it("covers every policy key", () => {
    for (const key of POLICY_KEYS) expect(canDomainOverride(seedGlobal(), key)).toEqual({ allowed: true });
  });
});
