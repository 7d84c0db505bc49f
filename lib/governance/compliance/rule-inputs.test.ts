import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { seedDomain, seedGlobal } from "../__fixtures__/seed";
import { asValidationSpec, ruleInputsOf } from "./rule-inputs";
import { validateProduct } from "./rules";
import { computeImpact } from "../impact/compute-impact";
import { effectivePolicy } from "../policies/merge";
import type { DataProductSpec } from "@/lib/products/types";

const field = fc.record({
  name: fc.constantFrom("id", "email", "amount", "customer_name", "phone", "region", "birth_date"),
  type: fc.constant("string" as const),
  description: fc.string({ maxLength: 20 }),
  required: fc.boolean(),
  pii: fc.boolean(),
});
const spec: fc.Arbitrary<DataProductSpec> = fc.record(
  {
    name: fc.constant("p"),
    domain: fc.constantFrom("sales", "finance"),
    owner: fc.constant("o@x.io"),
    version: fc.constant("1.0.0"),
    description: fc.constant("d"),
    classification: fc.constantFrom("public", "internal", "confidential", "restricted", "secret" as never),
    schema: fc.array(field, { maxLength: 6 }),
    slo: fc.record({
      availability: fc.constantFrom(95, 99, 99.5, 99.9),
      latencyMs: fc.constant(100),
      freshnessMinutes: fc.constantFrom(5, 15, 60, 240, 1440),
    }),
    access: fc.array(
      fc.record({
        role: fc.constantFrom("data_consumer", "data_producer", "data_admin", "data-consumer", "analyst"),
        permissions: fc.subarray(["read", "write", "delete", "manage"] as const),
      }),
      { maxLength: 3 },
    ),
    lineage: fc.constant({ sources: [], transformations: [] }),
    tags: fc.constant([]),
    governance: fc.option(
      fc.record(
        {
          encryption: fc.boolean(),
          retention: fc.constantFrom("90_days", "1_year", "5_years", "10_years", "forever"),
          purpose: fc.constantFrom("", "analytics"),
          erasure: fc.boolean(),
        },
        { requiredKeys: [] },
      ),
      { nil: undefined },
    ),
  },
  { requiredKeys: ["name", "domain", "owner", "version", "description", "classification", "schema", "slo", "access", "lineage", "tags"] },
);

const POLICIES = new Map((["sales", "finance", "marketing"] as const).map((d) => [d, effectivePolicy(seedGlobal(), seedDomain(d)).policy]));
const errors = (s: DataProductSpec, domain: string, scores?: Record<string, number>) =>
  validateProduct(s, POLICIES.get(domain as "sales")!, scores ? { qualityScores: scores } : {}).filter((f) => f.severity === "error");

describe("ruleInputsOf", () => {
  it("gives exactly the error findings of the full spec, under every seed policy", () => {
    fc.assert(
      fc.property(
        spec,
        fc.constantFrom<string>("sales", "finance", "marketing"),
        fc.option(fc.record({ completeness: fc.integer({ min: 80, max: 100 }), accuracy: fc.integer({ min: 90, max: 100 }) }), {
          nil: undefined,
        }),
        (s, domain, scores) => {
          expect(errors(asValidationSpec(ruleInputsOf(s)), domain, scores)).toEqual(errors(s, domain, scores));
        },
      ),
      { numRuns: 400 },
    );
  });

  it("keeps only what the rules read", () => {
    const s: DataProductSpec = {
      name: "orders",
      domain: "sales",
      owner: "o@x.io",
      version: "2.0.0",
      description: "long text",
      classification: "internal",
      schema: [
        { name: "id", type: "string", description: "d", required: true, pii: false },
        { name: "email", type: "string", description: "d", required: false, pii: true },
      ],
      slo: { availability: 99.9, latencyMs: 100, freshnessMinutes: 15 },
      access: [{ role: "data_consumer", permissions: ["read"] }],
      lineage: { sources: ["crm"], transformations: ["x"] },
      tags: ["a"],
      governance: { encryption: true, retention: "1_year" },
    };
    expect(ruleInputsOf(s)).toEqual({
      classification: "internal",
      schema: [{ name: "email", pii: true }],
      access: [{ role: "data_consumer", permissions: ["read"] }],
      slo: { availability: 99.9, freshnessMinutes: 15 },
      governance: { encryption: true, retention: "1_year" },
    });
  });
});

describe("computeImpact with inputsKey", () => {
  it("reports every product of a shared key, validated once", () => {
    const base = (name: string, freshnessMinutes: number) => ({
      id: name,
      name,
      domain: "sales",
      lifecycle: "published",
      spec: {
        ...asValidationSpec(
          ruleInputsOf({
            name,
            domain: "sales",
            owner: "o",
            version: "1",
            description: "",
            classification: "internal",
            schema: [],
            slo: { availability: 99.9, latencyMs: 1, freshnessMinutes },
            access: [],
            lineage: { sources: [], transformations: [] },
            tags: [],
            governance: { encryption: true, retention: "1_year" },
          }),
        ),
      },
      inputsKey: `f${freshnessMinutes}`,
    });
    const sales = seedDomain("sales");
    const current = () => effectivePolicy(seedGlobal(), sales).policy;
    const tightened = () =>
      effectivePolicy(seedGlobal(), { ...sales, quality_requirements: { ...sales.quality_requirements, freshness: "15_minutes" } }).policy;
    const products = [base("a", 60), base("b", 60), base("c", 5), base("d", 60)];
    const keyed = computeImpact(products, current, tightened);
    const unkeyed = computeImpact(
      products.map(({ inputsKey: _k, ...p }) => p),
      current,
      tightened,
    );
    expect(keyed).toEqual(unkeyed);
    expect(keyed.affected.map((r) => r.name)).toEqual(["a", "b", "d"]);
  });
});
