import { afterAll, describe, expect, it } from "vitest";
import type { DataProductSpec } from "@/lib/products/types";
import { seedDomain, seedGlobal } from "../__fixtures__/seed";
import { effectivePolicy } from "../policies/merge";
import type { DomainPolicy, EffectivePolicy, GlobalPolicy } from "../policies/types";
import { DEFAULT_SEVERITY, hasErrors, RULE_IDS, validateProduct, type Finding, type RuleId, type ValidationContext } from "./rules";

const seen = new Set<RuleId>();

function product(patch: Partial<DataProductSpec> = {}): DataProductSpec {
  return {
    name: "customer-data-product",
    domain: "sales",
    owner: "sales-team@company.com",
    version: "1.0.0",
    description: "Customer data product for sales analytics",
    classification: "confidential",
    schema: [
      { name: "customer_id", type: "string", description: "Unique customer identifier", required: true, pii: false },
      { name: "email", type: "string", description: "Customer email address", required: false, pii: true },
      { name: "created_at", type: "timestamp", description: "Customer creation timestamp", required: true, pii: false },
    ],
    slo: { availability: 99.9, latencyMs: 100, freshnessMinutes: 60 },
    access: [
      { role: "data_producer", permissions: ["read", "write"] },
      { role: "data_admin", permissions: ["read"] },
    ],
    lineage: { sources: ["crm-system"], transformations: ["data-cleaning"] },
    tags: [],
    governance: { encryption: true, retention: "3_years", purpose: "Sales pipeline analytics", erasure: true },
    ...patch,
  };
}

const gov = (patch: DataProductSpec["governance"]) => ({ governance: { ...product().governance, ...patch } });

function effective(domain: DomainPolicy | null = seedDomain("sales"), global: GlobalPolicy = seedGlobal()): EffectivePolicy {
  return effectivePolicy(global, domain).policy;
}

function check(spec: DataProductSpec, policy = effective(), context?: ValidationContext): Finding[] {
  const findings = validateProduct(spec, policy, context);
  findings.forEach((f) => seen.add(f.ruleId));
  return findings;
}

function only(findings: Finding[], ruleId: RuleId): Finding[] {
  return findings.filter((f) => f.ruleId === ruleId);
}

describe("validateProduct", () => {
  it("passes a compliant product", () => {
    expect(check(product())).toEqual([]);
    expect(check(product(), effective(null))).toEqual([]);
  });

  it("classification.known-level", () => {
    const policy = effective(null, {
      ...seedGlobal(),
      data_classification: seedGlobal().data_classification.filter((c) => c.level !== "restricted"),
    });
    const [f] = check(product({ classification: "restricted" }), policy);
    expect(f).toMatchObject({
      ruleId: "classification.known-level",
      severity: "error",
      path: "spec.classification",
      policyValue: ["public", "internal", "confidential"],
      policySource: "global",
    });
    expect(only(check(product({ classification: "internal" }), policy), "classification.known-level")).toEqual([]);
  });

  it("classification.encryption-required", () => {
    const missing = check(product(gov({ encryption: undefined })));
    expect(missing).toEqual([
      expect.objectContaining({
        ruleId: "classification.encryption-required",
        severity: "error",
        path: "spec.governance.encryption",
        policyValue: "required",
      }),
    ]);
    expect(missing[0].message).toBe("confidential data must be encrypted, and the product does not declare encryption.");
    expect(check(product(gov({ encryption: false })))[0].message).toMatch(/declares it is not/);
    expect(
      only(check(product({ classification: "public", schema: [], ...gov({ encryption: false }) })), "classification.encryption-required"),
    ).toEqual([]);
  });

  it("classification.pii-public", () => {
    const found = only(check(product({ classification: "public" })), "classification.pii-public");
    expect(found).toEqual([
      expect.objectContaining({ severity: "warning", message: "The product is public but has personal data fields: email." }),
    ]);
    expect(
      only(check(product({ classification: "public", schema: product().schema.filter((f) => !f.pii) })), "classification.pii-public"),
    ).toEqual([]);
  });

  it("pii.likely-undeclared", () => {
    const schema = [...product().schema, { name: "phone_number", type: "string" as const, description: "", required: false, pii: false }];
    expect(check(product({ schema }))).toEqual([
      expect.objectContaining({ ruleId: "pii.likely-undeclared", severity: "info", path: "spec.schema[3].pii" }),
    ]);
    expect(check(product({ schema: schema.map((f) => ({ ...f, pii: f.name === "phone_number" || f.pii })) }))).toEqual([]);
  });

  it("retention.format", () => {
    expect(check(product(gov({ retention: "forever" })))).toEqual([
      expect.objectContaining({
        ruleId: "retention.format",
        severity: "error",
        path: "spec.governance.retention",
        policyValue: "3_years",
        policySource: "domain:sales",
      }),
    ]);
  });

  it("retention.declared", () => {
    expect(check(product(gov({ retention: undefined })))).toEqual([
      expect.objectContaining({
        ruleId: "retention.declared",
        severity: "info",
        policyValue: "3_years",
        policySource: "domain:sales",
        message: "No retention period is declared; data may be kept for at most 3 years (the domain's data retention).",
      }),
    ]);
  });

  it("retention.max: the domain's data_retention overrides the level's, compared as durations", () => {
    const tooLong = check(product(gov({ retention: "5_years" })));
    expect(tooLong).toEqual([
      expect.objectContaining({ ruleId: "retention.max", severity: "error", policyValue: "3_years", policySource: "domain:sales" }),
    ]);
    expect(tooLong[0].message).toBe("Retention 5 years is longer than the 3 years allowed for the domain's data retention.");
    expect(check(product(gov({ retention: "36_months" })))).toEqual([]);
    expect(check(product(gov({ retention: "157_weeks" })))[0]?.ruleId).toBe("retention.max");
    // Without a domain policy the level's retention applies: confidential keeps 3 years at most.
    expect(check(product(gov({ retention: "4_years" })), effective(null))[0]).toMatchObject({
      ruleId: "retention.max",
      policySource: "global",
      message: expect.stringMatching(/allowed for confidential data/),
    });
    // Finance keeps 7 years even for restricted data (1 year globally), as the seed's override says.
    const finance = product({
      domain: "finance",
      classification: "restricted",
      access: [{ role: "data_admin", permissions: ["read"] }],
      ...gov({ retention: "7_years" }),
    });
    expect(check(finance, effective(seedDomain("finance")))).toEqual([]);
    expect(only(check(finance, effective(null)), "retention.max")).toHaveLength(1);
  });

  it("access.role-known (the seed product's roles)", () => {
    const found = check(
      product({
        access: [
          { role: "data-analyst", permissions: ["read"] },
          { role: "data-scientist", permissions: ["read", "write"] },
        ],
      }),
    );
    expect(found.map((f) => [f.ruleId, f.severity, f.path])).toEqual([
      ["access.role-known", "warning", "spec.access[0].role"],
      ["access.role-known", "warning", "spec.access[1].role"],
    ]);
    expect(found[0].fixHint).toBe(
      'Use a policy role (data_consumer, data_producer, data_admin); data_producer covers read on confidential data, or ask governance to define "data-analyst".',
    );
    expect(check(product({ access: [{ role: "data-producer", permissions: ["read"] }] }))[0].fixHint).toBe('Did you mean "data_producer"?');
  });

  it("access.level-allowed", () => {
    const found = check(product({ access: [{ role: "data_consumer", permissions: ["read"] }] }));
    expect(found).toEqual([
      expect.objectContaining({
        ruleId: "access.level-allowed",
        severity: "error",
        path: "spec.access[0].role",
        policyValue: ["public", "internal"],
        policySource: "global",
      }),
    ]);
    expect(found[0].message).toBe("Role data_consumer may not access confidential data (it may access public, internal).");
    expect(found[0].fixHint).toMatch(/data_producer, data_admin/);
    expect(check(product({ classification: "internal", access: [{ role: "data_consumer", permissions: ["read"] }] }))).toEqual([]);
  });

  it("access.permissions-allowed", () => {
    const found = check(product({ classification: "internal", access: [{ role: "data_consumer", permissions: ["read", "write"] }] }));
    expect(found).toEqual([
      expect.objectContaining({
        ruleId: "access.permissions-allowed",
        severity: "error",
        path: "spec.access[0].permissions[1]",
        policyValue: ["read"],
      }),
    ]);
  });

  it("access rules use a domain's overridden role table", () => {
    const domain: DomainPolicy = {
      ...seedDomain("sales"),
      overrides: {
        access_control: [{ role: "data_consumer", permissions: ["read"], data_access: ["public", "internal", "confidential"] }],
      },
    };
    const found = check(product({ access: [{ role: "data_consumer", permissions: ["read"] }] }), effective(domain));
    expect(found).toEqual([]);
    expect(check(product(), effective(domain))[0]).toMatchObject({ ruleId: "access.role-known", policySource: "domain:sales" });
  });

  it("quality.threshold: severity from the metric's enforcement, threshold from the domain", () => {
    const found = check(product(), effective(), { qualityScores: { completeness: 96, accuracy: 98.5, consistency: 99.5 } });
    expect(found.map((f) => [f.ruleId, f.severity, f.path, f.policyValue, f.policySource])).toEqual([
      ["quality.threshold", "warning", "context.qualityScores.completeness", 98, "domain:sales"],
      ["quality.threshold", "error", "context.qualityScores.accuracy", 99, "domain:sales"],
    ]);
    expect(found[1].message).toBe("Accuracy is 98.5%, below the required 99%.");
    expect(check(product(), effective(), { qualityScores: { completeness: 98, accuracy: 99, consistency: 99 } })).toEqual([]);
    // Global thresholds when the domain sets none; a metric without enforcement gets the default.
    expect(
      check(product(), effective(null), { qualityScores: { completeness: 96, accuracy: 98, consistency: 98 } }).map((f) => [
        f.severity,
        f.policyValue,
        f.policySource,
      ]),
    ).toEqual([["error", 99, "global"]]);
    const validity = check(product(), effective({ domain: "sales", quality_requirements: { validity: 90 } }), {
      qualityScores: { completeness: 99, accuracy: 99, consistency: 99, validity: 80 },
    });
    expect(validity).toEqual([
      expect.objectContaining({
        ruleId: "quality.threshold",
        severity: DEFAULT_SEVERITY["quality.threshold"],
        path: "context.qualityScores.validity",
      }),
    ]);
  });

  it("quality.score-missing", () => {
    expect(check(product(), effective(), { qualityScores: { accuracy: 99.9 } }).map((f) => [f.ruleId, f.severity, f.path])).toEqual([
      ["quality.score-missing", "info", "context.qualityScores.completeness"],
      ["quality.score-missing", "info", "context.qualityScores.consistency"],
    ]);
    expect(check(product(), effective(), { qualityScores: { completeness: 99, accuracy: 99, consistency: Number.NaN } })[0].ruleId).toBe(
      "quality.score-missing",
    );
  });

  it("slo.freshness", () => {
    const slow = product({ slo: { ...product().slo, freshnessMinutes: 240 } });
    const [f] = check(slow);
    expect(f).toMatchObject({
      ruleId: "slo.freshness",
      severity: "error",
      path: "spec.slo.freshnessMinutes",
      policyValue: "1_hour",
      policySource: "domain:sales",
    });
    expect(f.message).toBe("The SLO promises data within 4 hours, weaker than the required 1 hour.");
    expect(only(check(slow, effective(seedDomain("marketing"))), "slo.freshness")).toEqual([]);
    expect(check(product({ slo: { ...product().slo, freshnessMinutes: 45 } }))).toEqual([]);
  });

  it("slo.availability", () => {
    const strict = effective({
      ...seedDomain("sales"),
      quality_requirements: { ...seedDomain("sales").quality_requirements, availability: 99.95 },
    });
    expect(check(product(), strict)).toEqual([
      expect.objectContaining({ ruleId: "slo.availability", severity: "error", path: "spec.slo.availability", policyValue: 99.95 }),
    ]);
    expect(check(product({ slo: { ...product().slo, availability: 99.99 } }), strict)).toEqual([]);
  });

  it("gdpr.pii-purpose", () => {
    expect(check(product(gov({ purpose: "  " })))).toEqual([
      expect.objectContaining({ ruleId: "gdpr.pii-purpose", severity: "error", path: "spec.governance.purpose", policySource: "global" }),
    ]);
    const noMinimisation = {
      ...seedGlobal(),
      compliance: [{ regulation: "gdpr" as const, requirements: { data_minimization: false, right_to_erasure: true } }],
    };
    expect(check(product(gov({ purpose: undefined })), effective(null, noMinimisation))).toEqual([]);
    expect(check(product({ schema: product().schema.filter((f) => !f.pii), ...gov({ purpose: undefined }) }))).toEqual([]);
  });

  it("gdpr.pii-erasure and ccpa.deletion", () => {
    const found = check(product(gov({ erasure: undefined })));
    expect(found.map((f) => [f.ruleId, f.severity, f.path])).toEqual([
      ["gdpr.pii-erasure", "error", "spec.governance.erasure"],
      ["ccpa.deletion", "error", "spec.governance.erasure"],
    ]);
    const gdprOnly = { ...seedGlobal(), compliance: seedGlobal().compliance.filter((c) => c.regulation === "gdpr") };
    expect(check(product(gov({ erasure: false })), effective(null, gdprOnly)).map((f) => f.ruleId)).toEqual(["gdpr.pii-erasure"]);
  });

  it("reports everything about the seed's customer-data-product at once", () => {
    const seedProduct = product({
      classification: "confidential",
      schema: [
        { name: "customer_id", type: "string", description: "Unique customer identifier", required: true, pii: false },
        { name: "customer_name", type: "string", description: "Customer full name", required: true, pii: true },
        { name: "email", type: "string", description: "Customer email address", required: true, pii: true },
        { name: "created_at", type: "timestamp", description: "Customer creation timestamp", required: true, pii: false },
      ],
      access: [
        { role: "data-analyst", permissions: ["read"] },
        { role: "data-scientist", permissions: ["read", "write"] },
      ],
      governance: undefined,
    });
    const findings = check(seedProduct);
    expect(findings.map((f) => `${f.severity} ${f.ruleId} ${f.path}`)).toEqual([
      "error classification.encryption-required spec.governance.encryption",
      "info retention.declared spec.governance.retention",
      "warning access.role-known spec.access[0].role",
      "warning access.role-known spec.access[1].role",
      "error gdpr.pii-purpose spec.governance.purpose",
      "error gdpr.pii-erasure spec.governance.erasure",
      "error ccpa.deletion spec.governance.erasure",
    ]);
    expect(hasErrors(findings)).toBe(true);
    expect(hasErrors(findings.filter((f) => f.severity !== "error"))).toBe(false);
  });

  afterAll(() => {
    // Every rule has at least one failing case above.
    expect(RULE_IDS.filter((id) => !seen.has(id))).toEqual([]);
  });
});
