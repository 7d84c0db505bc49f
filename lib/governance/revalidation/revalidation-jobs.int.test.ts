// Re-validation as queued runs, and the impact preview on stored rule inputs, against the real PostgreSQL:
// a run completes with honest progress counts, two workers never process or count a batch twice, a run
// whose worker died completes later, and the preview equals the full-spec evaluation it replaced.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/current-user";
import { registerProduct } from "@/lib/products/register-product";
import type { DataProductSpec } from "@/lib/products/types";
import { createRevalidationRun } from "@/lib/governance/revalidation/start-run.db";
import { recoverRevalidationRuns, runRevalidation } from "@/lib/governance/revalidation/process-run.db";
import { getVisibleRun } from "@/lib/governance/revalidation/run-progress.db";
import { previewImpact } from "@/lib/governance/impact/preview-impact.db";
import { computeImpact } from "@/lib/governance/impact/compute-impact";
import { effectivePolicy } from "@/lib/governance/policies/merge";
import { latestQualityScores } from "@/lib/governance/compliance/validate-products.db";
import { ruleInputsOf } from "@/lib/governance/compliance/rule-inputs";
import { upsertDomainPolicy } from "@/lib/governance/policies/update-policy.db";
import { getBoss, stopQueue } from "@/lib/jobs/queue";
import type { DomainPolicy, GlobalPolicy } from "@/lib/governance/policies/types";
import { createDomain, createDomainPolicy, createPrincipal, ensureGlobalPolicy, sampleSpec } from "@/prisma/seed/factories";

let owner: CurrentUser;
let governance: CurrentUser;

beforeAll(async () => {
  await ensureGlobalPolicy();
  governance = await createPrincipal(["governance"]);
});

afterAll(async () => {
  await stopQueue();
});

/** A domain with `n` products (plus one retired, which runs skip). */
async function domainWithProducts(
  n: number,
  patch: (i: number) => Partial<DataProductSpec> = () => ({}),
): Promise<{ slug: string; ids: string[] }> {
  const slug = (await createDomain()).slug;
  owner = await createPrincipal(["data_producer"], { [slug]: "owner" });
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await registerProduct(owner, sampleSpec(slug, patch(i)))).id);
  const retired = await registerProduct(owner, sampleSpec(slug));
  await db.dataProduct.update({ where: { id: retired.id }, data: { lifecycle: "retired" } });
  return { slug, ids };
}

const startRun = (slug: string, batchSize: number, trigger: "manual" | "policy-change" = "policy-change") =>
  db.$transaction((tx) => createRevalidationRun(tx, { trigger, domain: slug, userId: governance.id, batchSize }));

/** Validation rows per product written by runs (trigger policy-change / manual), by product id. */
async function validationsPerProduct(ids: string[], trigger: string): Promise<number[]> {
  const rows = await db.productValidation.groupBy({ by: ["productId"], where: { productId: { in: ids }, trigger }, _count: true });
  const byId = new Map(rows.map((r) => [r.productId, r._count]));
  return ids.map((id) => byId.get(id) ?? 0);
}

describe("re-validation runs", () => {
  it("runs to completion in batches, with progress the page can poll after every batch", async () => {
    // Product 0 breaks the domain's freshness rule; the others pass.
    const { slug, ids } = await domainWithProducts(5, (i) => ({
      slo: { availability: 99.5, latencyMs: 200, freshnessMinutes: i === 0 ? 240 : 30 },
    }));
    await createDomainPolicy(slug, { quality_requirements: { freshness: "1_hour" } });
    const run = await startRun(slug, 2);
    expect(run).toMatchObject({ total: 5, batches: 3 });
    expect(await getVisibleRun(governance, run.runId)).toMatchObject({ status: "queued", done: 0, total: 5, domain: slug });
    expect(await validationsPerProduct(ids, "policy-change")).toEqual([0, 0, 0, 0, 0]); // nothing happens before a worker runs it

    const seen: [string, number][] = [];
    const result = await runRevalidation(run.runId, {
      afterBatch: async () => {
        const r = await getVisibleRun(governance, run.runId);
        seen.push([r.status, r.done]);
      },
    });
    expect(result).toEqual({ batches: 3, finished: true });
    expect(seen).toEqual([
      ["running", 2],
      ["running", 4],
      ["running", 5],
    ]);
    const done = await getVisibleRun(governance, run.runId);
    expect(done).toMatchObject({ status: "succeeded", total: 5, done: 5, failed: 0, failing: 1, passing: 4, warnings: 0 });
    expect(done.finishedAt).not.toBeNull();
    expect(await validationsPerProduct(ids, "policy-change")).toEqual([1, 1, 1, 1, 1]);
    const failing = await db.dataProduct.findUniqueOrThrow({ where: { id: ids[0] }, select: { complianceStatus: true } });
    expect(failing.complianceStatus).toBe("failing");

    // Running a finished run again (a duplicated queue message) does nothing.
    expect(await runRevalidation(run.runId)).toEqual({ batches: 0, finished: false });
    expect(await validationsPerProduct(ids, "policy-change")).toEqual([1, 1, 1, 1, 1]);
  });

  it("shares one run between two workers without processing or counting a batch twice", async () => {
    const { slug, ids } = await domainWithProducts(12);
    const run = await startRun(slug, 2, "manual");
    const pause = () => new Promise<void>((r) => setTimeout(r, 20));
    const [a, b] = await Promise.all([
      runRevalidation(run.runId, { afterBatch: pause }),
      runRevalidation(run.runId, { afterBatch: pause }),
    ]);
    expect(a.batches + b.batches).toBe(6);
    expect(a.batches).toBeGreaterThan(0);
    expect(b.batches).toBeGreaterThan(0);
    expect([a.finished, b.finished].filter(Boolean)).toHaveLength(1); // exactly one of them closed the run
    expect(await getVisibleRun(governance, run.runId)).toMatchObject({ status: "succeeded", total: 12, done: 12, passing: 12 });
    expect(await validationsPerProduct(ids, "manual")).toEqual(ids.map(() => 1));
  });

  it("completes a run whose worker died holding a batch, without repeating the batches already done", async () => {
    const { slug, ids } = await domainWithProducts(6);
    const run = await startRun(slug, 2);
    // A worker claims batch 0 and dies before committing (its connection closes, its transaction rolls back).
    const dying = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await dying.connect();
    await dying.query("BEGIN");
    const claimed = await dying.query(
      "SELECT seq FROM revalidation_batches WHERE run_id = $1 AND done_at IS NULL ORDER BY seq LIMIT 1 FOR UPDATE SKIP LOCKED",
      [run.runId],
    );
    expect(claimed.rows).toEqual([{ seq: 0 }]);

    // Meanwhile another worker does what it can: the other two batches; the run is not finished.
    expect(await runRevalidation(run.runId)).toEqual({ batches: 2, finished: false });
    expect(await getVisibleRun(governance, run.runId)).toMatchObject({ status: "running", done: 4 });
    await dying.end();

    // The sweep leaves a run alone while it makes progress (a batch just finished), then offers it to the
    // workers again once it has stalled, and the next handler finishes it.
    const queued = async () =>
      (
        await db.$queryRaw<
          { n: number }[]
        >`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'revalidation' AND data->>'runId' = ${run.runId}`
      )[0].n;
    await getBoss(); // the queue's tables exist before anything is sent
    await recoverRevalidationRuns();
    expect(await queued()).toBe(0);
    expect(await recoverRevalidationRuns({ stalledForMs: 0 })).toBeGreaterThanOrEqual(1);
    expect(await queued()).toBe(1);
    expect(await runRevalidation(run.runId)).toEqual({ batches: 1, finished: true });
    expect(await getVisibleRun(governance, run.runId)).toMatchObject({ status: "succeeded", total: 6, done: 6 });
    expect(await validationsPerProduct(ids, "policy-change")).toEqual(ids.map(() => 1));
  });

  it("a policy save returns at once with its queued run; the worker then re-validates the domain", async () => {
    const { slug, ids } = await domainWithProducts(3, () => ({ slo: { availability: 99.5, latencyMs: 200, freshnessMinutes: 45 } }));
    const saved = await upsertDomainPolicy(governance, slug, {
      spec: {
        data_retention: "3_years",
        access_model: "role_based",
        quality_requirements: { completeness: "95", accuracy: "98", freshness: "30_minutes" },
      },
      expectedVersion: 0,
      note: "Fresher data for this domain",
    });
    expect(saved.revalidation.total).toBe(3);
    expect(await validationsPerProduct(ids, "policy-change")).toEqual([0, 0, 0]);
    expect(await runRevalidation(saved.revalidation.runId)).toMatchObject({ finished: true });
    expect(await getVisibleRun(governance, saved.revalidation.runId)).toMatchObject({ status: "succeeded", done: 3, failing: 3 });
  });

  it("shows a domain's run to its members and governance, a mesh-wide run to governance only", async () => {
    const { slug } = await domainWithProducts(1);
    const outsider = await createPrincipal(["data_producer"], { [(await createDomain()).slug]: "owner" });
    const domainRun = await startRun(slug, 10);
    await expect(getVisibleRun(owner, domainRun.runId)).resolves.toMatchObject({ id: domainRun.runId });
    await expect(getVisibleRun(outsider, domainRun.runId)).rejects.toThrow(/Only governance/);
    const meshRun = await db.$transaction((tx) => createRevalidationRun(tx, { trigger: "manual" }));
    await expect(getVisibleRun(owner, meshRun.runId)).rejects.toThrow(/Only governance/);
    await expect(getVisibleRun(governance, meshRun.runId)).resolves.toMatchObject({ domain: null });
    await db.revalidationRun.delete({ where: { id: meshRun.runId } }); // not left for other tests' workers
  });
});

/** The preview as it was before rule inputs: full specs through Prisma, every product validated on its own. */
async function fullSpecPreview(candidate: { scope: "global"; spec: GlobalPolicy } | { scope: "domain"; spec: DomainPolicy }) {
  const globalRow = await db.policy.findFirstOrThrow({ where: { scope: "global" }, select: { spec: true } });
  const global = globalRow.spec as unknown as GlobalPolicy;
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
  return computeImpact(products, (d) => effectivePolicy(global, domains.get(d) ?? null).policy, next, Number.MAX_SAFE_INTEGER);
}

const sorted = (r: Awaited<ReturnType<typeof fullSpecPreview>>) => ({
  ...r,
  affected: [...r.affected].sort((a, b) => a.id.localeCompare(b.id)),
});

describe("impact preview on stored rule inputs", () => {
  let slug: string;
  const LEVELS = ["public", "internal", "confidential", "restricted"] as const;

  beforeAll(async () => {
    // Products that differ in everything the rules read; several share inputs (validated once, reported each).
    const made = await domainWithProducts(24, (i) => ({
      classification: LEVELS[i % 4],
      schema: [
        { name: "id", type: "string", description: "Identifier", required: true, pii: false },
        { name: i % 3 === 0 ? "email" : "amount", type: "string", description: "x", required: false, pii: i % 3 === 0 && i % 2 === 0 },
        { name: "customer_name", type: "string", description: "x", required: false, pii: i % 5 === 0 },
      ],
      slo: { availability: [99, 99.5, 99.9][i % 3], latencyMs: 200, freshnessMinutes: [15, 30, 60, 240][i % 4] },
      access:
        i % 4 === 1
          ? [{ role: "data_producer", permissions: ["read", "write"] }]
          : i % 7 === 0
            ? [{ role: "analyst", permissions: ["read"] }]
            : [{ role: "data_consumer", permissions: i % 6 === 0 ? ["read", "write"] : ["read"] }],
      governance:
        i % 8 === 7
          ? undefined
          : {
              encryption: i % 5 !== 1,
              retention: ["1_year", "3_years", "6_months", "10_years"][i % 4],
              ...(i % 2 === 0 ? { purpose: "analytics" } : {}),
              erasure: i % 3 !== 1,
            },
    }));
    slug = made.slug;
    await createDomainPolicy(slug, { data_retention: "5_years", quality_requirements: { freshness: "1_hour", completeness: 97 } });
    for (const [k, id] of made.ids.entries()) {
      if (k % 3 === 2) continue; // some products have no quality run
      await db.qualityRun.create({
        data: { productId: id, metrics: { completeness: 90 + k, accuracy: 97 + (k % 3), consistency: 99.5 }, score: 95 },
      });
    }
    // A product written before rule inputs existed: the preview falls back to its full spec.
    await db.$executeRaw`UPDATE data_products SET rule_inputs = NULL WHERE id = ${made.ids[5]}::uuid`;
  });

  it("stores exactly what ruleInputsOf computes, and the migration's SQL function agrees with it", async () => {
    const rows = await db.dataProduct.findMany({ where: { domain: { slug } }, select: { spec: true, ruleInputs: true } });
    const withInputs = rows.filter((r) => r.ruleInputs !== null);
    expect(withInputs.length).toBeGreaterThanOrEqual(24);
    for (const r of withInputs) expect(r.ruleInputs).toEqual(ruleInputsOf(r.spec as unknown as DataProductSpec));
    const viaSql = await db.$queryRaw<{ spec: unknown; inputs: unknown }[]>`
      SELECT p.spec, product_rule_inputs(p.spec) AS inputs FROM data_products p JOIN domains d ON d.id = p.domain_id WHERE d.slug = ${slug}`;
    for (const r of viaSql) expect(r.inputs).toEqual(ruleInputsOf(r.spec as DataProductSpec));
  });

  it("equals the full-spec evaluation for domain and global candidates", async () => {
    const globalRow = await db.policy.findFirstOrThrow({ where: { scope: "global" }, select: { spec: true } });
    const global = globalRow.spec as unknown as GlobalPolicy;
    const domainPolicy = (await db.policy.findFirstOrThrow({ where: { scope: "domain", domain: { slug } }, select: { spec: true } }))
      .spec as unknown as DomainPolicy;
    const candidates = [
      {
        scope: "domain" as const,
        spec: {
          ...domainPolicy,
          domain: slug,
          data_retention: "2_years",
          quality_requirements: { freshness: "15_minutes", completeness: 99, accuracy: 99.5, availability: 99.5 },
        },
      },
      { scope: "domain" as const, spec: { ...domainPolicy, domain: slug, data_retention: undefined, quality_requirements: {} } },
      { scope: "global" as const, spec: { ...global, access_control: global.access_control.filter((r) => r.role !== "data_consumer") } },
      {
        scope: "global" as const,
        spec: {
          ...global,
          data_classification: global.data_classification.map((c) => ({ ...c, retention: "6_months", encryption: "required" as const })),
          quality_requirements: { freshness: "30_minutes" },
        },
      },
    ];
    let affectedSomewhere = 0;
    for (const candidate of candidates) {
      const expected = await fullSpecPreview(candidate as never);
      const actual = await previewImpact(candidate as never);
      expect(actual.checked).toBe(expected.checked);
      expect(actual.affectedCount).toBe(expected.affectedCount);
      expect(actual.improvedCount).toBe(expected.improvedCount);
      if (expected.affectedCount <= actual.affected.length) expect(sorted(actual)).toEqual(sorted(expected));
      affectedSomewhere += expected.affectedCount;
    }
    expect(affectedSomewhere).toBeGreaterThan(10); // the candidates really change outcomes
  });
});
