// Policy administration speed: the impact preview (every product in scope validated under the current
// and the candidate policy) in memory for a few thousand products, and, given a database, end to end
// through previewImpact (load specs + quality scores, validate, compare). Figures only.
import type { DataProductSpec } from "@/lib/products/types";
import type { DomainPolicy, GlobalPolicy } from "@/lib/governance/policies/types";
import { ms, summarize } from "./stats";
import type { Row } from "./sections";

const LEVELS = ["public", "internal", "confidential", "restricted"] as const;

async function seedPolicies(): Promise<{ global: GlobalPolicy; sales: DomainPolicy }> {
  const { readFileSync } = await import("node:fs");
  const path = await import("node:path");
  const { parseGlobalPolicyYaml, parseDomainPolicyYaml, domainPolicyFromDocument } = await import("@/lib/governance/policies/yaml");
  const read = (f: string) => readFileSync(path.join(process.cwd(), "prisma", "seed", "policies", f), "utf8");
  const g = parseGlobalPolicyYaml(read("global.yaml"));
  const s = parseDomainPolicyYaml(read("sales.yaml"));
  if (!g.ok || !s.ok) throw new Error("seed policies are invalid");
  return { global: g.value.spec, sales: domainPolicyFromDocument(s.value) };
}

function spec(i: number): DataProductSpec {
  return {
    name: `impact-${i}`,
    domain: "sales",
    owner: "sales@bench.local",
    version: "1.0.0",
    description: "Generated for the impact benchmark",
    classification: LEVELS[i % 4],
    schema: Array.from({ length: 15 }, (_, f) => ({
      name: f === 3 ? "email" : `field_${f}`,
      type: "string",
      description: "x",
      required: f === 0,
      pii: f === 3 && i % 2 === 0,
    })),
    slo: { availability: 99.9, latencyMs: 100, freshnessMinutes: [5, 15, 30, 60][i % 4] },
    access: [
      { role: "data_consumer", permissions: ["read"] },
      { role: "data_producer", permissions: ["read", "write"] },
    ],
    lineage: { sources: ["crm"], transformations: ["clean"] },
    tags: [],
    governance: { encryption: true, retention: "1_year", purpose: "analytics", erasure: i % 5 !== 0 },
  };
}

export type PolicyImpactBench = {
  products: number;
  pure: { totalMs: number; perProductUs: number; affected: number; runs: ReturnType<typeof summarize> };
  database: { products: number; p50Ms: number; p95Ms: number; affected: number } | null;
};

/** Impact of tightening sales freshness 1_hour → 15_minutes over `products` products. */
export async function benchPolicyImpact(url?: string, products = 3_000, rounds = 10): Promise<PolicyImpactBench> {
  const { computeImpact } = await import("@/lib/governance/impact/compute-impact");
  const { effectivePolicy } = await import("@/lib/governance/policies/merge");
  const { global, sales } = await seedPolicies();
  const candidate: DomainPolicy = { ...sales, quality_requirements: { ...sales.quality_requirements, freshness: "15_minutes" } };
  const items = Array.from({ length: products }, (_, i) => ({
    id: String(i),
    name: `impact-${i}`,
    domain: "sales",
    lifecycle: "published",
    spec: spec(i),
    scores: { completeness: 97, accuracy: 99.2 },
  }));
  const current = () => effectivePolicy(global, sales).policy;
  const next = () => effectivePolicy(global, candidate).policy;
  computeImpact(items.slice(0, 200), current, next); // warm-up
  const samples: number[] = [];
  let affected = 0;
  for (let r = 0; r < rounds; r++) {
    const s = performance.now();
    affected = computeImpact(items, current, next).affectedCount;
    samples.push(performance.now() - s);
  }
  const runs = summarize(samples);

  let database: PolicyImpactBench["database"] = null;
  if (url) {
    process.env.DATABASE_URL = url;
    const { previewImpact } = await import("@/lib/governance/impact/preview-impact.db");
    const { db } = await import("@/lib/db");
    const row = await db.policy.findFirst({ where: { scope: "global" }, select: { spec: true } });
    if (row) {
      const tightened = { ...(row.spec as unknown as GlobalPolicy) };
      tightened.quality_requirements = { ...tightened.quality_requirements, freshness: "15_minutes" };
      const times: number[] = [];
      let result = await previewImpact({ scope: "global", spec: tightened });
      for (let r = 0; r < 5; r++) {
        const s = performance.now();
        result = await previewImpact({ scope: "global", spec: tightened });
        times.push(performance.now() - s);
      }
      const t = summarize(times);
      database = { products: result.checked, p50Ms: t.p50, p95Ms: t.p95, affected: result.affectedCount };
    }
  }
  return { products, pure: { totalMs: runs.p50, perProductUs: (runs.p50 * 1000) / products, affected, runs }, database };
}

/** The same figures as benchmark rows for the runner. */
export async function policyImpactRows(url: string, opts: { quick: boolean }): Promise<Row[]> {
  const r = await benchPolicyImpact(url, opts.quick ? 1_000 : 3_000, opts.quick ? 3 : 10);
  const rows: Row[] = [
    { area: "governance", metric: `impact preview, ${r.products} products in memory (p50)`, value: ms(r.pure.totalMs), target: "< 1 s" },
    { area: "governance", metric: "impact preview per product", value: `${r.pure.perProductUs.toFixed(1)} µs` },
  ];
  if (r.database)
    rows.push({
      area: "governance",
      metric: `impact preview end to end, ${r.database.products} products (p50 / p95)`,
      value: `${ms(r.database.p50Ms)} / ${ms(r.database.p95Ms)}`,
      target: "< 2 s",
    });
  return rows;
}
