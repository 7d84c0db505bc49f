import { describe, expect, it } from "vitest";
import { seedDomain, seedGlobal } from "../__fixtures__/seed";
import { computeImpact, type ImpactProduct } from "./compute-impact";
import { effectivePolicy } from "../policies/merge";
import type { DataProductSpec } from "@/lib/products/types";

function product(name: string, freshnessMinutes: number, patch: Partial<DataProductSpec> = {}): ImpactProduct {
  const spec: DataProductSpec = {
    name,
    domain: "sales",
    owner: "sales@company.com",
    version: "1.0.0",
    description: "d",
    classification: "internal",
    schema: [{ name: "id", type: "string", description: "id", required: true, pii: false }],
    slo: { availability: 99.9, latencyMs: 100, freshnessMinutes },
    access: [{ role: "data_consumer", permissions: ["read"] }],
    lineage: { sources: [], transformations: [] },
    tags: [],
    governance: { encryption: true, retention: "1_year" },
    ...patch,
  };
  return { id: name, name, domain: "sales", lifecycle: "published", spec };
}

const sales = seedDomain("sales");
const current = () => effectivePolicy(seedGlobal(), sales).policy;
const tightened = () =>
  effectivePolicy(seedGlobal(), { ...sales, quality_requirements: { ...sales.quality_requirements, freshness: "15_minutes" } }).policy;

describe("computeImpact", () => {
  it("lists products that a tightened policy gives new errors, with rule ids and messages", () => {
    const result = computeImpact([product("hourly", 60), product("realtime", 5)], current, tightened);
    expect(result.checked).toBe(2);
    expect(result.affectedCount).toBe(1);
    expect(result.affected[0]).toMatchObject({ name: "hourly", domain: "sales", errorsBefore: 0, errorsAfter: 1 });
    expect(result.affected[0].newErrors).toEqual([
      { ruleId: "slo.freshness", path: "spec.slo.freshnessMinutes", message: expect.stringContaining("15 minutes") as unknown },
    ]);
  });

  it("does not count errors a product already has, and counts products a loosened policy helps", () => {
    const result = computeImpact([product("stale", 120), product("hourly", 60)], tightened, current);
    expect(result.affected).toEqual([]);
    expect(result.improvedCount).toBe(1); // "hourly" loses its freshness error; "stale" keeps its own
  });

  it("caps the rows it returns but counts all of them", () => {
    const many = Array.from({ length: 30 }, (_, i) => product(`p${i}`, 60));
    const result = computeImpact(many, current, tightened, 10);
    expect(result.affected).toHaveLength(10);
    expect(result.affectedCount).toBe(30);
  });
});
