// The dashboard's rollup-based figures must equal direct aggregates over the raw events of a small,
// known data set (one fresh domain, so other tests' events do not interfere).
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { recordMetricEvent } from "@/lib/metrics/record";
import { dashboardAnnotations, loadDashboard, domainBreakdown, productBreakdown, publishedAsOf } from "@/lib/metrics/queries";
import { storageEfficiency } from "@/lib/metrics/storage";
import { parseRange } from "@/lib/metrics/period";
import { bucketFor, LATENCY_BUCKETS_MS } from "@/lib/metrics/rollup-keys";
import { recordQualityRun } from "@/lib/quality/record-quality-run";
import { runQualityCheck } from "@/lib/quality/run-quality-check";
import { rateProduct } from "@/lib/consumers/rate-product";
import { createPrincipal, uid } from "@/prisma/seed/factories";
import { createDomainWithOwner, createPublishedProduct, type PublishedProduct } from "@/prisma/seed/metrics-factories";
import type { CurrentUser } from "@/lib/auth/current-user";

const range = parseRange({ from: "2026-01-01", to: "2026-01-30" }, new Date("2026-11-27T00:00:00Z"));
const t = (s: string) => new Date(s);
let domain: { id: string; slug: string };
let owner: CurrentUser;
let p1: PublishedProduct;
let p2: PublishedProduct;
const u = ["00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000002", "00000000-0000-4000-8000-000000000003"];
const latencies = [12, 30, 45, 48, 60, 90, 120, 200, 700, 3000];

beforeAll(async () => {
  ({ domain, owner } = await createDomainWithOwner());
  p1 = await createPublishedProduct(domain, owner);
  p2 = await createPublishedProduct(domain, owner);
  const ev = (p: PublishedProduct) => ({ productId: p.id, domainId: domain.id });
  await recordMetricEvent({ type: "product_published", at: t("2026-01-02T10:00:00Z"), ...ev(p1) });
  await recordMetricEvent({ type: "product_published", at: t("2025-12-10T10:00:00Z"), ...ev(p2) });
  // p1: first read 3 days after publication; p2: first read in the previous period
  await recordMetricEvent({ type: "product_read", at: t("2026-01-05T10:00:00Z"), userId: u[0], ...ev(p1) });
  await recordMetricEvent({ type: "product_read", at: t("2026-01-06T10:00:00Z"), userId: u[1], ...ev(p1) });
  await recordMetricEvent({ type: "product_read", at: t("2026-01-20T10:00:00Z"), userId: u[0], ...ev(p1) });
  await recordMetricEvent({ type: "product_read", at: t("2025-12-11T10:00:00Z"), userId: u[2], ...ev(p2) });
  await recordMetricEvent({ type: "product_read", at: t("2026-01-10T23:59:00Z"), userId: u[2], ...ev(p2) });
  for (const [i, ms] of latencies.entries()) {
    const status = i === 8 ? 503 : i === 9 ? 404 : 200;
    await recordMetricEvent({
      type: "api_request",
      at: t(`2026-01-${String(3 + i).padStart(2, "0")}T12:00:00Z`),
      durationMs: ms,
      status,
      ...ev(i % 2 ? p2 : p1),
    });
  }
  await recordMetricEvent({ type: "health_probe", at: t("2026-01-15T03:00:00Z"), status: 200, durationMs: 5, ...ev(p1) });
  await recordMetricEvent({ type: "health_probe", at: t("2026-01-15T15:00:00Z"), status: 0, durationMs: 5000, ...ev(p1) });
  await recordQualityRun(p1.id, { completeness: 90, accuracy: 100, consistency: 80 }, { at: t("2026-01-07T04:00:00Z") });
  await recordQualityRun(p2.id, { completeness: 70, accuracy: 80, consistency: 90 }, { at: t("2026-01-14T04:00:00Z") });
  for (const h of [2, 4, 9])
    await recordMetricEvent({ type: "access_granted", at: t(`2026-01-1${h}T10:00:00Z`), durationMs: h * 3_600_000, ...ev(p1) });
  await rateProduct(await createPrincipal(["data_consumer"]), { productId: p1.id, score: 5 }, t("2026-01-08T10:00:00Z"));
  await rateProduct(await createPrincipal(["data_consumer"]), { productId: p2.id, score: 3 }, t("2026-01-09T10:00:00Z"));
});

/** The same figure straight from the raw events (what the rollups must reproduce). */
async function raw<T>(sql: TemplateStringsArray, ...values: unknown[]): Promise<T> {
  const rows = await db.$queryRaw<T[]>(sql, ...values);
  return rows[0];
}
const lo = "2026-01-01";
const hi = "2026-01-31";

describe("loadDashboard (domain scope)", () => {
  it("matches direct aggregates over the raw events", async () => {
    const d = await loadDashboard({ domainId: domain.id }, range);
    const reads = await raw<{
      n: number;
    }>`SELECT count(*)::int AS n FROM metric_events WHERE domain_id = ${domain.id}::uuid AND type = 'product_read' AND at >= ${lo}::date AND at < ${hi}::date`;
    const consumers = await raw<{
      n: number;
    }>`SELECT count(DISTINCT user_id)::int AS n FROM metric_events WHERE domain_id = ${domain.id}::uuid AND type = 'product_read' AND at >= ${lo}::date AND at < ${hi}::date`;
    const avail = await raw<{ good: number; all: number }>`
      SELECT count(*) FILTER (WHERE status <> 0 AND status < 500)::int AS good, count(*)::int AS "all" FROM metric_events
      WHERE domain_id = ${domain.id}::uuid AND type IN ('api_request', 'health_probe') AND at >= ${lo}::date AND at < ${hi}::date`;
    const quality = await raw<{
      v: number;
    }>`SELECT avg(value)::float8 AS v FROM metric_events WHERE domain_id = ${domain.id}::uuid AND type = 'quality_run' AND at >= ${lo}::date AND at < ${hi}::date`;
    const grant = await raw<{
      v: number;
    }>`SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_ms) AS v FROM metric_events WHERE domain_id = ${domain.id}::uuid AND type = 'access_granted' AND at >= ${lo}::date AND at < ${hi}::date`;

    expect(d.kpis.reads.value).toBe(reads.n);
    expect(d.kpis.reads.value).toBe(4);
    expect(d.kpis.reads.growth).toBe(3); // 4 reads against 1 in December
    expect(d.kpis.consumers.value).toBe(consumers.n);
    expect(d.kpis.consumers.trend.previous).toBe(1);
    expect(d.kpis.availability.value).toBeCloseTo(avail.good / avail.all, 10);
    expect(d.kpis.availability.value).toBeCloseTo(10 / 12, 10);
    expect(d.kpis.qualityScore.value).toBeCloseTo(quality.v, 10);
    expect(d.kpis.qualityScore.value).toBeCloseTo(85, 10);
    expect(d.kpis.timeToGrantMs.value).toBe(grant.v);
    expect(d.kpis.timeToFirstReadMs).toMatchObject({ value: 3 * 86_400_000, count: 1 });
    expect(d.kpis.timeToFirstReadMs.trend.previous).toBe(86_400_000);
    expect(d.kpis.innovationPerMonth.published).toBe(1);
    expect(d.kpis.satisfaction).toMatchObject({ value: 4, count: 2 });
    expect(d.products.byLifecycle.published).toBe(2);
  });

  it("estimates latency percentiles inside the bucket of the exact value", async () => {
    const d = await loadDashboard({ domainId: domain.id }, range);
    const exact = await raw<{ p50: number; p95: number }>`
      SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY duration_ms) AS p50, percentile_disc(0.95) WITHIN GROUP (ORDER BY duration_ms) AS p95
      FROM metric_events WHERE domain_id = ${domain.id}::uuid AND type = 'api_request'`;
    const lower = (ms: number) => LATENCY_BUCKETS_MS[Math.max(0, LATENCY_BUCKETS_MS.indexOf(bucketFor(ms) as never) - 1)];
    expect(d.latency.api.count).toBe(latencies.length);
    expect(d.latency.api.p50!).toBeGreaterThanOrEqual(lower(exact.p50));
    expect(d.latency.api.p50!).toBeLessThanOrEqual(bucketFor(exact.p50));
    expect(d.latency.api.p95!).toBeGreaterThanOrEqual(lower(exact.p95));
    expect(d.latency.api.p95!).toBeLessThanOrEqual(bucketFor(exact.p95));
    expect(d.latency.api.mean).toBeCloseTo(latencies.reduce((a, b) => a + b) / latencies.length, 6);
  });

  it("plots the same totals in its series as in its tiles", async () => {
    const d = await loadDashboard({ domainId: domain.id }, range);
    expect(d.series.usage.reduce((a, p) => a + p.reads, 0)).toBe(4);
    expect(d.series.availability.reduce((a, p) => a + p.errors, 0)).toBe(2);
    expect(d.series.published.reduce((a, p) => a + p.published, 0)).toBe(1);
  });

  it("breaks figures down per domain and per product from the rollups", async () => {
    const rows = await domainBreakdown(range);
    const mine = rows.find((r) => r.domainId === domain.id)!;
    expect(mine).toMatchObject({ reads: 4, consumers: 3, products: 2, published: 2 });
    const products = await productBreakdown(domain.id, range, { page: 1, pageSize: 10 });
    const byId = new Map(products.items.map((p) => [p.id, p]));
    expect(byId.get(p1.id)).toMatchObject({ reads: 3, quality: 90, lastQuality: 90, rating: 5, ratings: 1 });
    expect(byId.get(p2.id)).toMatchObject({ reads: 1, quality: 80 });
  });
});

describe("published products as of a day", () => {
  it("counts what was published then, so a past range does not show today's figure", async () => {
    const d = await createDomainWithOwner();
    const a = await createPublishedProduct(d.domain, d.owner);
    const b = await createPublishedProduct(d.domain, d.owner);
    const move = (productId: string, toState: "published" | "deprecated", at: string) =>
      db.lifecycleEvent.create({ data: { productId, toState, at: t(at) } });
    await move(a.id, "published", "2026-01-02T10:00:00Z");
    await move(b.id, "published", "2025-12-10T10:00:00Z");
    await move(b.id, "deprecated", "2026-02-01T10:00:00Z");
    const scope = { domainId: d.domain.id };
    expect(await publishedAsOf(scope, t("2025-12-31T23:59:59Z"))).toBe(1);
    expect(await publishedAsOf(scope, t("2026-01-31T23:59:59Z"))).toBe(2);
    expect(await publishedAsOf(scope, t("2026-03-01T00:00:00Z"))).toBe(1);
    const january = await loadDashboard(scope, parseRange({ from: "2026-01-01", to: "2026-01-30" }, t("2026-11-27T00:00:00Z")));
    expect(january.kpis.publishedProducts.value).toBe(2);
  });
});

describe("annotations", () => {
  it("marks the domain's rollout stage changes and policy saves within the range, oldest first", async () => {
    const d = await createDomainWithOwner();
    const stage = (at: string, from: string, to: string) =>
      recordMetricEvent({ type: "domain_stage_changed", at: t(at), domainId: d.domain.id, meta: { from, to } });
    await stage("2026-01-05T10:00:00Z", "foundation", "pilot");
    await stage("2026-01-20T10:00:00Z", "pilot", "expansion");
    await stage("2026-03-01T10:00:00Z", "expansion", "full"); // after the range
    const policy = await db.policy.create({
      data: { scope: "domain", name: `policy-${d.domain.slug}`, domainId: d.domain.id, spec: {}, version: 2 },
    });
    await db.policyVersion.create({
      data: { policyId: policy.id, version: 2, spec: {}, note: "Retention down to 2 years", createdAt: t("2026-01-10T09:00:00Z") },
    });
    const january = parseRange({ from: "2026-01-01", to: "2026-01-31" }, t("2026-11-27T00:00:00Z"));
    const found = (await dashboardAnnotations({ domainId: d.domain.id }, january)).filter(
      (a) => a.kind === "rollout" || a.label.includes("policy v2"),
    );
    expect(found.map((a) => [a.at.slice(0, 10), a.kind, a.note || a.label])).toEqual([
      ["2026-01-05", "rollout", expect.stringContaining("foundation → pilot")],
      ["2026-01-10", "policy", "Retention down to 2 years"],
      ["2026-01-20", "rollout", expect.stringContaining("pilot → expansion")],
    ]);
  });
});

describe("storage efficiency and quality checks on a provisioned table", () => {
  it("reads bytes and rows from PostgreSQL and measures the table's quality", async () => {
    const schema = `h9_it_${uid()}`;
    await db.$executeRawUnsafe(`CREATE SCHEMA ${schema}`);
    await db.$executeRawUnsafe(
      `CREATE TABLE ${schema}.t_v1 (id text PRIMARY KEY, amount double precision, _loaded_at timestamptz NOT NULL DEFAULT now())`,
    );
    // 1000 rows: every 4th amount NULL, one amount NaN
    await db.$executeRawUnsafe(
      `INSERT INTO ${schema}.t_v1 (id, amount) SELECT 'k' || g, CASE WHEN g % 4 = 0 THEN NULL WHEN g = 1 THEN 'NaN'::float8 ELSE g END FROM generate_series(1, 1000) g`,
    );
    await db.$executeRawUnsafe(`ANALYZE ${schema}.t_v1`);
    await db.deployment.create({
      data: { productId: p1.id, environment: "production", status: "active", schemaName: schema, tableName: "t_v1" },
    });

    const s = await storageEfficiency({ domainId: domain.id });
    const row = s.rows.find((r) => r.productId === p1.id)!;
    const size = await raw<{ b: bigint }>`SELECT pg_total_relation_size(${`${schema}.t_v1`}::regclass) AS b`;
    expect(row).toMatchObject({ provisioned: true, rows: 1000, rowsSource: "statistics", bytes: Number(size.b) });
    expect(row.bytesPerRow).toBeCloseTo(Number(size.b) / 1000, 6);
    expect(s.rows.find((r) => r.productId === p2.id)).toMatchObject({ provisioned: false, bytes: null });

    const run = await runQualityCheck(owner, p1.id);
    expect(run.rowsChecked).toBe(1000);
    expect(run.metrics.completeness).toBe(87.5); // 2000 cells, 250 NULL
    expect(run.metrics.accuracy).toBeCloseTo((100 * 1749) / 1750, 2); // 1750 non-NULL cells, 1 NaN
    expect(run.metrics.consistency).toBe(100);
    await expect(runQualityCheck(await createPrincipal(["data_consumer"]), p1.id)).rejects.toMatchObject({ status: 403 });
    await expect(runQualityCheck(owner, p2.id)).rejects.toMatchObject({ status: 400 });
  });
});
