import { describe, expect, it } from "vitest";
import { seedDomain, seedGlobal } from "../__fixtures__/seed";
import {
  checkDomainAgainstGlobal,
  domainPolicySchema,
  domainPolicySpecSchema,
  formatPath,
  globalPolicySchema,
  issuesFromZod,
  LOCKABLE_PATHS,
} from "./schema";
import type { GlobalPolicy } from "./types";

/** The seed's global spec in its wire shape (as the YAML parser hands it over). */
function wireGlobal(): Record<string, unknown> {
  return {
    data_classification: [
      { level: "public", description: "Publicly accessible data", encryption: "optional", retention: "7_years" },
      { level: "restricted", description: "Restricted personal data", encryption: "required", retention: "1_year" },
    ],
    access_control: [
      { role: "data_consumer", permissions: ["read"], data_access: ["public"] },
      { role: "data_admin", permissions: ["read", "write", "delete", "manage"], data_access: ["public", "restricted"] },
    ],
    data_quality: [{ metric: "completeness", threshold: "95%", enforcement: "warning" }],
    compliance: [{ regulation: "gdpr", requirements: [{ data_minimization: true }, { right_to_erasure: true }] }],
  };
}

function issues(input: unknown, schema: { safeParse: (v: unknown) => { success: boolean; error?: unknown } } = globalPolicySchema) {
  const result = schema.safeParse(input);
  expect(result.success).toBe(false);
  return issuesFromZod(result.error as never);
}

function withGlobal(patch: (g: Record<string, unknown> & ReturnType<typeof wireGlobal>) => void) {
  const g = wireGlobal() as ReturnType<typeof wireGlobal> & Record<string, never>;
  patch(g);
  return g;
}

describe("globalPolicySchema", () => {
  it("normalises the wire shape: percent strings, requirement lists, defaults", () => {
    const g = globalPolicySchema.parse(wireGlobal());
    expect(g.data_quality[0].threshold).toBe(95);
    expect(g.compliance[0].requirements).toEqual({ data_minimization: true, right_to_erasure: true });
    expect(g.locked).toEqual([]);
    expect(g.domain_overrides_allowed).toBe(true);
  });

  it("re-parses canonical values to themselves (seed policy)", () => {
    const g = seedGlobal();
    expect(globalPolicySchema.parse(g)).toEqual(g);
    expect(globalPolicySchema.parse(JSON.parse(JSON.stringify(g)))).toEqual(g);
  });

  it('accepts thresholds as numbers, "95" and "95 %"', () => {
    for (const threshold of [95, "95", "95 %", "95%"]) {
      const g = globalPolicySchema.parse(withGlobal((w) => ((w.data_quality as Array<Record<string, unknown>>)[0].threshold = threshold)));
      expect(g.data_quality[0].threshold).toBe(95);
    }
  });

  it("rejects a threshold of 150 with the path", () => {
    const found = issues(withGlobal((w) => ((w.data_quality as Array<Record<string, unknown>>)[0].threshold = 150)));
    expect(found).toEqual([{ path: "data_quality[0].threshold", message: "must be a percentage between 0 and 100 (got 150)" }]);
    expect(issues(withGlobal((w) => ((w.data_quality as Array<Record<string, unknown>>)[0].threshold = "lots")))[0].message).toMatch(
      /percentage like 95/,
    );
  });

  it('rejects retention "forever" with the path', () => {
    const found = issues(withGlobal((w) => ((w.data_classification as Array<Record<string, unknown>>)[1].retention = "forever")));
    expect(found).toHaveLength(1);
    expect(found[0].path).toBe("data_classification[1].retention");
    expect(found[0].message).toMatch(/got "forever"/);
  });

  it("rejects unknown enum values, unknown keys and missing keys", () => {
    const found = issues(
      withGlobal((w) => {
        const c = (w.data_classification as Array<Record<string, unknown>>)[0];
        c.encryption = "sometimes";
        c.retension = "1_year";
        (w.access_control as Array<Record<string, unknown>>)[0].permissions = ["read", "peek"];
        delete (w.compliance as Array<Record<string, unknown>>)[0].regulation;
      }),
    );
    expect(found).toEqual(
      expect.arrayContaining([
        { path: "data_classification[0].encryption", message: 'must be one of required, optional (got "sometimes")' },
        { path: "data_classification[0].retension", message: 'unknown key "retension"' },
        { path: "access_control[0].permissions[1]", message: 'must be one of read, write, delete, manage (got "peek")' },
        { path: "compliance[0].regulation", message: "is required" },
      ]),
    );
  });

  it("requires data_access levels to be defined in data_classification", () => {
    const found = issues(
      withGlobal((w) => ((w.access_control as Array<Record<string, unknown>>)[0].data_access = ["public", "confidential"])),
    );
    expect(found).toEqual([
      {
        path: "access_control[0].data_access[1]",
        message: 'level "confidential" is not defined in data_classification (defined: public, restricted)',
      },
    ]);
  });

  it("rejects duplicate levels, roles, metrics and regulations", () => {
    const found = issues(
      withGlobal((w) => {
        (w.access_control as unknown[]).push({ role: "data_consumer", permissions: ["read"] });
        (w.data_quality as unknown[]).push({ metric: "completeness", threshold: 90 });
      }),
    );
    expect(found.map((i) => i.path)).toEqual(["access_control[2].role", "data_quality[1].metric"]);
  });

  it("accepts requirements as a map, rejects malformed requirement items", () => {
    const asMap = globalPolicySchema.parse(
      withGlobal((w) => ((w.compliance as Array<Record<string, unknown>>)[0].requirements = { opt_out: true })),
    );
    expect(asMap.compliance[0].requirements).toEqual({ opt_out: true });
    const found = issues(
      withGlobal(
        (w) =>
          ((w.compliance as Array<Record<string, unknown>>)[0].requirements = [{ a: true, b: true }, { data_portability: "yes" }, "x"]),
      ),
    );
    expect(found.map((i) => i.path)).toEqual([
      "compliance[0].requirements[0]",
      "compliance[0].requirements[1].data_portability",
      "compliance[0].requirements[2]",
    ]);
  });

  it("validates locked paths and the overrides switch", () => {
    const g = globalPolicySchema.parse(
      withGlobal((w) => Object.assign(w, { locked: ["access_control", "quality_requirements.accuracy"], domain_overrides_allowed: false })),
    );
    expect(g.locked).toEqual(["access_control", "quality_requirements.accuracy"]);
    expect(g.domain_overrides_allowed).toBe(false);
    const found = issues(
      withGlobal((w) =>
        Object.assign(w, { locked: ["quality_requirement.accuracy", "access_control", "access_control"], domain_overrides_allowed: "no" }),
      ),
    );
    expect(found.map((i) => i.path).sort()).toEqual(["domain_overrides_allowed", "locked[0]", "locked[2]"]);
    expect(LOCKABLE_PATHS).toContain("quality_requirements.freshness");
  });
});

describe("domain policy schemas", () => {
  it("maps the seed's access_control string to access_model", () => {
    const spec = domainPolicySpecSchema.parse({
      data_retention: "3_years",
      access_control: "role_based",
      quality_requirements: { completeness: 98, accuracy: 99, freshness: "1_hour" },
    });
    expect(spec).toEqual({
      data_retention: "3_years",
      access_model: "role_based",
      quality_requirements: { completeness: 98, accuracy: 99, freshness: "1_hour" },
    });
    expect(domainPolicySchema.parse(seedDomain("finance"))).toEqual(seedDomain("finance"));
  });

  it("reports bad domain values with their paths", () => {
    const found = issues(
      {
        data_retention: "forever",
        access_control: "vibes_based",
        quality_requirements: { accuracy: 150, freshness: "1_year" },
        overrides: { locked: [] },
      },
      domainPolicySpecSchema,
    );
    expect(found.map((i) => i.path).sort()).toEqual([
      "access_control",
      "data_retention",
      "overrides.locked",
      "quality_requirements.accuracy",
      "quality_requirements.freshness",
    ]);
    expect(found.find((i) => i.path === "quality_requirements.freshness")?.message).toMatch(/unit "year" is not allowed/);
  });

  it("rejects two different access models", () => {
    const found = issues({ access_control: "role_based", access_model: "strict_role_based" }, domainPolicySpecSchema);
    expect(found).toEqual([{ path: "access_model", message: "access_model and access_control name the same setting; give only one" }]);
  });

  it("requires a valid slug in the JSON form", () => {
    expect(issues({ domain: "Sales Team" }, domainPolicySchema)[0].path).toBe("domain");
  });
});

describe("checkDomainAgainstGlobal", () => {
  const global: GlobalPolicy = seedGlobal();

  it("passes the seed's domain policies", () => {
    for (const slug of ["sales", "marketing", "finance"] as const) expect(checkDomainAgainstGlobal(global, seedDomain(slug))).toEqual([]);
  });

  it("rejects an unknown role and an unknown level in access overrides", () => {
    const found = checkDomainAgainstGlobal(global, {
      overrides: {
        data_classification: global.data_classification.filter((c) => c.level !== "restricted"),
        access_control: [
          { role: "data_consumer", permissions: ["read"], data_access: ["public"] },
          { role: "data_analyst", permissions: ["read"], data_access: ["restricted"] },
        ],
      },
    });
    expect(found).toEqual([
      {
        path: "overrides.access_control[1].role",
        message: 'role "data_analyst" is not defined in the global policy (defined: data_consumer, data_producer, data_admin)',
      },
      {
        path: "overrides.access_control[1].data_access[0]",
        message: 'level "restricted" is not a classification level of this domain (defined: public, internal, confidential)',
      },
    ]);
  });
});

describe("formatPath", () => {
  it("writes indexes in brackets", () => {
    expect(formatPath(["spec", "data_quality", 0, "threshold"])).toBe("spec.data_quality[0].threshold");
    expect(formatPath([])).toBe("");
  });
});
