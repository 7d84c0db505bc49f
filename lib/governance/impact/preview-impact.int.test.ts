// The impact preview's database path (products grouped in SQL, each group validated once, only the shown
// rows read) against the in-memory computeImpact over every product's full spec, on a generated mesh of
// 900 products in three domains: more affected products than the preview shows, so the order and the cut
// at IMPACT_ROW_LIMIT are compared too, not only the counts.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { previewImpact } from "@/lib/governance/impact/preview-impact.db";
import { computeImpact, IMPACT_ROW_LIMIT } from "@/lib/governance/impact/compute-impact";
import { effectivePolicy } from "@/lib/governance/policies/merge";
import { latestQualityScores } from "@/lib/governance/compliance/validate-products.db";
import type { DomainPolicy, GlobalPolicy } from "@/lib/governance/policies/types";
import type { DataProductSpec } from "@/lib/products/types";
import { createDomain, createDomainPolicy, ensureGlobalPolicy } from "@/prisma/seed/factories";

type Candidate = { scope: "global"; spec: GlobalPolicy } | { scope: "domain"; spec: DomainPolicy };

/** The preview as computeImpact gives it over every non-retired product's full spec, with no row limit. */
async function inMemoryPreview(candidate: Candidate) {
  const global = (await db.policy.findFirstOrThrow({ where: { scope: "global" }, select: { spec: true } })).spec as unknown as GlobalPolicy;
  const domainRows = await db.policy.findMany({ where: { scope: "domain" }, select: { spec: true, domain: { select: { slug: true } } } });
  const domains = new Map(domainRows.map((r) => [r.domain!.slug, { ...(r.spec as unknown as DomainPolicy), domain: r.domain!.slug }]));
  const rows = await db.dataProduct.findMany({
    where: { lifecycle: { not: "retired" }, ...(candidate.scope === "domain" ? { domain: { slug: candidate.spec.domain } } : {}) },
    select: { id: true, name: true, lifecycle: true, spec: true, domain: { select: { slug: true } } },
  });
  const scores = await latestQualityScores(rows.map((r) => r.id));
  const products = rows.map((r) => ({
    id: r.id,
    name: r.name,
    domain: r.domain.slug,
    lifecycle: r.lifecycle,
    spec: r.spec as unknown as DataProductSpec,
    scores: scores.get(r.id),
  }));
  const next =
    candidate.scope === "global"
      ? (d: string) => effectivePolicy(candidate.spec, domains.get(d) ?? null).policy
      : () => effectivePolicy(global, candidate.spec).policy;
  return computeImpact(products, (d) => effectivePolicy(global, domains.get(d) ?? null).policy, next);
}

describe("impact preview from stored rule inputs, grouped in SQL", () => {
  const slugs: string[] = [];

  beforeAll(async () => {
    await ensureGlobalPolicy();
    for (let i = 0; i < 3; i++) slugs.push((await createDomain()).slug);
    await createDomainPolicy(slugs[0], { data_retention: "5_years", quality_requirements: { freshness: "1_hour", completeness: 97 } });
    // 900 products that differ in what the rules read (classification, PII, grants, SLOs, declarations),
    // many sharing inputs; names in no particular order; every 13th retired (never previewed).
    await db.$executeRaw`
      INSERT INTO data_products (id, domain_id, name, owner, description, classification, lifecycle, current_version, tags, spec, field_names, updated_at)
      SELECT gen_random_uuid(), d.id, 'p' || substr(md5(i::text), 1, 6) || '-' || i, 'o@x.io', 'generated',
             x.cls::"Classification", (CASE WHEN i % 13 = 0 THEN 'retired' ELSE 'published' END)::"Lifecycle", '1.0.0', '{}',
             jsonb_build_object('name', 'p' || i, 'domain', d.slug, 'owner', 'o@x.io', 'version', '1.0.0', 'description', 'generated',
               'classification', x.cls,
               'schema', jsonb_build_array(
                 jsonb_build_object('name', 'id', 'type', 'string', 'description', 'id', 'required', true, 'pii', false),
                 jsonb_build_object('name', 'email', 'type', 'string', 'description', 'e', 'required', false, 'pii', i % 3 = 0)),
               'slo', jsonb_build_object('availability', (ARRAY[99, 99.5, 99.9])[1 + i % 3], 'latencyMs', 100,
                                         'freshnessMinutes', (ARRAY[5, 15, 60, 240])[1 + i % 4]),
               'access', jsonb_build_array(jsonb_build_object('role', (ARRAY['data_consumer', 'data_producer', 'analyst'])[1 + i % 3],
                                                              'permissions', jsonb_build_array('read'))),
               'lineage', jsonb_build_object('sources', '[]'::jsonb, 'transformations', '[]'::jsonb), 'tags', '[]'::jsonb,
               'governance', jsonb_build_object('encryption', i % 5 <> 0, 'retention', (ARRAY['1_year', '3_years', '7_years'])[1 + i % 3],
                                                'purpose', CASE WHEN i % 11 = 0 THEN '' ELSE 'analytics' END, 'erasure', i % 7 <> 0)),
             'id email', now()
      FROM generate_series(1, 900) i
      JOIN domains d ON d.slug = (${slugs}::text[])[1 + i % 3]
      CROSS JOIN LATERAL (SELECT (ARRAY['public', 'internal', 'confidential', 'restricted'])[1 + i % 4] AS cls) x`;
    await db.$executeRaw`
      UPDATE data_products p SET rule_inputs = product_rule_inputs(p.spec)
      FROM domains d WHERE d.id = p.domain_id AND d.slug = ANY(${slugs}::text[]) AND p.description = 'generated'
        AND right(p.name, 2) <> '17'`; // a few rows written before rule inputs existed: the preview reads their full spec
    // Latest quality runs for some products (an older run each for a few, which must not count).
    await db.$executeRaw`
      INSERT INTO quality_runs (id, product_id, at, metrics, score)
      SELECT gen_random_uuid(), p.id, now() - (k || ' hours')::interval,
             jsonb_build_object('completeness', CASE WHEN k = 2 THEN 50 ELSE 90 + (abs(hashtext(p.name)) % 10) END, 'accuracy', 99), 90
      FROM data_products p JOIN domains d ON d.id = p.domain_id CROSS JOIN generate_series(1, 2) k
      WHERE d.slug = ANY(${slugs}::text[]) AND abs(hashtext(p.name)) % 4 = 0`;
  });

  it("gives exactly computeImpact's result, rows in order and cut at the limit, for global and domain candidates", async () => {
    const global = (await db.policy.findFirstOrThrow({ where: { scope: "global" }, select: { spec: true } }))
      .spec as unknown as GlobalPolicy;
    const candidates: Candidate[] = [
      { scope: "global", spec: { ...global, quality_requirements: { freshness: "15_minutes", availability: 99.5 } } },
      { scope: "global", spec: { ...global, access_control: global.access_control.filter((r) => r.role !== "data_consumer") } },
      {
        scope: "global",
        spec: {
          ...global,
          data_classification: global.data_classification.map((c) => ({ ...c, retention: "2_years", encryption: "required" as const })),
        },
      },
      { scope: "domain", spec: { domain: slugs[0], quality_requirements: { freshness: "30_minutes", completeness: 99 } } },
      { scope: "domain", spec: { domain: slugs[0] } }, // loosened: products improve
    ];
    let cut = 0;
    let improved = 0;
    for (const candidate of candidates) {
      const expected = await inMemoryPreview(candidate);
      const actual = await previewImpact(candidate);
      expect(actual).toEqual(expected);
      if (expected.affectedCount > IMPACT_ROW_LIMIT) cut += 1;
      improved += expected.improvedCount;
    }
    expect(cut).toBeGreaterThan(0); // some candidate affects more products than the preview lists
    expect(improved).toBeGreaterThan(0);
  });
});
