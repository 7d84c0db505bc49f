// Every figure of the success dashboards. Counts, sums and latency histograms come from the rollups, read
// as the months, weeks and days that tile each period (lib/metrics/rollup-read.ts); distinct consumers from
// the per-user rollup rows the same way; the few exact figures that need raw events (first read after
// publication, median time to grant) use index probes bounded by product or by a low-volume event type —
// no query scans metric_events per page view.
import "server-only";
import { cache } from "react";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import {
  availability,
  costReduction,
  growth,
  histogramQuantile,
  innovationRate,
  meanOf,
  median,
  ratio,
  satisfaction,
  timesToFirstRead,
  trend,
  type CostEstimate,
  type CostModel,
  type HistogramBucket,
  type Satisfaction,
  type Trend,
} from "@/lib/metrics/formulas";
import type { SloActuals } from "@/lib/metrics/slo-actuals";
import { targetsFrom, type DashboardTargets } from "@/lib/metrics/targets";
import { effectivePolicyFor } from "@/lib/governance/server";
import { HISTOGRAM_TYPES, LATENCY_BUCKETS_MS, bucketType } from "@/lib/metrics/rollup-keys";
import {
  addDays,
  buckets,
  chartGranularity,
  monthsIn,
  parseDay,
  previousPeriod,
  type DateRange,
  type Granularity,
} from "@/lib/metrics/period";
import { rangePieces, readDistinctConsumers, readSums, seriesPieces, totalOf, withTypes, type SumRow } from "@/lib/metrics/rollup-read";
import { getCostModel } from "@/lib/metrics/cost-model";
import type { RolloutStageName } from "@/lib/metrics/rollout";

/** Whose figures: the whole mesh, or one domain (its id). */
export type Scope = { domainId?: string };

const SERIES_TYPES = [
  "product_read",
  "api_request",
  "health_probe",
  "quality_run",
  "product_published",
  "ingestion_run",
  "provisioning_run",
  "access_requested",
  "access_granted",
] as const;
type SeriesType = (typeof SERIES_TYPES)[number];

const scopeKey = (s: Scope) => s.domainId ?? "";
const endOf = (day: string) => new Date(parseDay(addDays(day, 1)).getTime() - 1);
/** A timestamp parameter read as UTC (event times are stored as UTC timestamps without time zone). */
const ts = (d: Date) => Prisma.sql`(${d.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;

// ---------------------------------------------------------------------------------------------------
// Rollup reads

/** Every latency histogram bucket's rollup type (read with the period's tiles, "cur" and "prev"). */
const BUCKET_TYPES = HISTOGRAM_TYPES.flatMap((t) => LATENCY_BUCKETS_MS.map((b) => bucketType(t, b)));

/** Latency histogram bucket counts per event type, for the range ("cur") and the previous period ("prev"). */
function histograms(rows: SumRow[]): Histograms {
  const out = Object.fromEntries(HISTOGRAM_TYPES.map((t) => [t, { current: [], previous: [] }])) as unknown as Histograms;
  for (const r of rows) {
    const [base, marker, le] = r.type.split(":");
    const h = out[base as keyof Histograms];
    if (!h || marker !== "le" || (r.label !== "cur" && r.label !== "prev")) continue;
    (r.label === "cur" ? h.current : h.previous).push({ le: le === "inf" ? Infinity : Number(le), count: r.count });
  }
  return out;
}

type Histograms = Record<(typeof HISTOGRAM_TYPES)[number], { current: HistogramBucket[]; previous: HistogramBucket[] }>;

/**
 * Publication → first read per product in scope: two index probes per product on
 * metric_events(product_id, type, at), never a scan of the events.
 */
async function firstReads(scope: Scope): Promise<Array<{ productId: string; publishedAt: Date; firstReadAt: Date | null }>> {
  return db.$queryRaw`
    SELECT p.id AS "productId", pub.at AS "publishedAt", rd.at AS "firstReadAt"
    FROM data_products p
    JOIN LATERAL (SELECT e.at FROM metric_events e WHERE e.product_id = p.id AND e.type = 'product_published' ORDER BY e.at LIMIT 1) pub ON true
    LEFT JOIN LATERAL (SELECT e.at FROM metric_events e WHERE e.product_id = p.id AND e.type = 'product_read' AND e.at >= pub.at ORDER BY e.at LIMIT 1) rd ON true
    WHERE ${scope.domainId ?? null}::uuid IS NULL OR p.domain_id = ${scope.domainId ?? null}::uuid`;
}

/**
 * Median request → grant time, for the range, the previous period and each month of the range, in one
 * statement. Access grants are few, and the partial index metric_events_access_granted_at_idx holds their
 * time, domain and duration, so this reads the index alone.
 */
async function grantTimes(scope: Scope, range: DateRange, prev: DateRange) {
  const domain = scope.domainId ?? null;
  const from = ts(parseDay(range.from));
  const rows = await db.$queryRaw<Array<{ current: boolean; month: string | null; p50: number | null; n: number }>>`
    SELECT at >= ${from} AS current, date_trunc('month', at)::date::text AS month,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_ms) AS p50, count(*)::int AS n
    FROM metric_events
    WHERE type = 'access_granted' AND at BETWEEN ${ts(parseDay(prev.from))} AND ${ts(endOf(range.to))}
      AND (${domain}::uuid IS NULL OR domain_id = ${domain}::uuid)
    GROUP BY GROUPING SETS ((1), (1, 2))`;
  const total = (current: boolean) => rows.find((r) => r.current === current && r.month === null);
  return {
    current: total(true)?.p50 ?? null,
    previous: total(false)?.p50 ?? null,
    count: total(true)?.n ?? 0,
    monthly: new Map(rows.filter((r) => r.current && r.month !== null).map((m) => [m.month!, m.p50!])),
  };
}

/** Ratings given or changed in the range and the previous period (product_ratings holds one current row per user and product). */
async function ratings(scope: Scope, range: DateRange, prev: DateRange): Promise<{ current: Satisfaction; previous: Satisfaction }> {
  const domain = scope.domainId ?? null;
  const rows = await db.$queryRaw<Array<{ score: number; current: boolean; n: number }>>`
    SELECT r.score, r.updated_at >= ${ts(parseDay(range.from))} AS current, count(*)::int AS n
    FROM product_ratings r JOIN data_products p ON p.id = r.product_id
    WHERE r.updated_at BETWEEN ${ts(parseDay(prev.from))} AND ${ts(endOf(range.to))} AND (${domain}::uuid IS NULL OR p.domain_id = ${domain}::uuid)
    GROUP BY 1, 2`;
  const expand = (cur: boolean) => rows.filter((r) => r.current === cur).flatMap((r) => Array<number>(r.n).fill(r.score));
  return { current: satisfaction(expand(true)), previous: satisfaction(expand(false)) };
}

export type ProductCounts = {
  total: number;
  byLifecycle: Record<string, number>;
  byDomain: Array<{ domainId: string; slug: string; name: string; byLifecycle: Record<string, number>; total: number }>;
};

/**
 * Products in scope that were published at `at`: their latest lifecycle move at or before it went to
 * `published`. For ranges that end before today, where today's count would ignore the range.
 */
export async function publishedAsOf(scope: Scope, at: Date): Promise<number> {
  const domain = scope.domainId ?? null;
  const [row] = await db.$queryRaw<{ n: number }[]>(Prisma.sql`
    SELECT count(*)::int AS n FROM data_products p
    WHERE (${domain}::uuid IS NULL OR p.domain_id = ${domain}::uuid)
      AND (SELECT e.to_state FROM lifecycle_events e WHERE e.product_id = p.id AND e.at <= ${ts(at)}
           ORDER BY e.at DESC, e.id DESC LIMIT 1) = 'published'`);
  return row?.n ?? 0;
}

export async function productCounts(scope: Scope): Promise<ProductCounts> {
  const [groups, domains] = await Promise.all([
    db.dataProduct.groupBy({
      by: ["domainId", "lifecycle"],
      where: scope.domainId ? { domainId: scope.domainId } : {},
      _count: { _all: true },
    }),
    db.domain.findMany({
      where: scope.domainId ? { id: scope.domainId } : { status: { not: "archived" } },
      select: { id: true, slug: true, name: true },
      orderBy: { name: "asc" },
    }),
  ]);
  const byLifecycle: Record<string, number> = {};
  const byDomain = domains.map((d) => ({
    domainId: d.id,
    slug: d.slug,
    name: d.name,
    byLifecycle: {} as Record<string, number>,
    total: 0,
  }));
  const index = new Map(byDomain.map((d) => [d.domainId, d]));
  let total = 0;
  for (const g of groups) {
    byLifecycle[g.lifecycle] = (byLifecycle[g.lifecycle] ?? 0) + g._count._all;
    total += g._count._all;
    const d = index.get(g.domainId);
    if (d) {
      d.byLifecycle[g.lifecycle] = g._count._all;
      d.total += g._count._all;
    }
  }
  return { total, byLifecycle, byDomain };
}

/** Published products per template key (the cost model's input). */
async function publishedByTemplate(scope: Scope): Promise<Record<string, number>> {
  const domain = scope.domainId ?? null;
  const rows = await db.$queryRaw<Array<{ key: string; n: number }>>`
    SELECT coalesce(t.key, 'none') AS key, count(*)::int AS n
    FROM data_products p LEFT JOIN templates t ON t.id = p.template_id
    WHERE p.lifecycle = 'published' AND (${domain}::uuid IS NULL OR p.domain_id = ${domain}::uuid)
    GROUP BY 1`;
  return Object.fromEntries(rows.map((r) => [r.key, r.n]));
}

// ---------------------------------------------------------------------------------------------------
// The dashboard

export type Kpi = { value: number | null; trend: Trend };
export type LatencyFigure = { p50: number | null; p95: number | null; mean: number | null; count: number; p95Trend: Trend };

/** Something that happened in the period, marked on the charts so they tell a story. */
export type Annotation = { at: string; kind: "policy" | "rollout"; label: string; note: string };

export type Dashboard = {
  /** Policy saves and rollout stage changes in the range (scope's domain and the global policy), oldest first. */
  annotations: Annotation[];
  range: DateRange;
  previous: DateRange;
  granularity: Granularity;
  kpis: {
    publishedProducts: Kpi;
    availability: Kpi;
    qualityScore: Kpi;
    reads: Kpi & { growth: number | null };
    consumers: Kpi;
    timeToFirstReadMs: Kpi & { count: number };
    timeToGrantMs: Kpi & { count: number };
    satisfaction: Kpi & { count: number };
    innovationPerMonth: Kpi & { published: number };
    accessRequests: Kpi;
  };
  latency: { api: LatencyFigure; ingestion: LatencyFigure; provisioning: LatencyFigure };
  satisfaction: Satisfaction;
  cost: CostEstimate & { model: CostModel };
  products: ProductCounts;
  series: {
    usage: Array<{ bucket: string; reads: number; consumers: number }>;
    availability: Array<{ bucket: string; availability: number | null; requests: number; errors: number }>;
    quality: Array<{ bucket: string; score: number | null; runs: number }>;
    published: Array<{ bucket: string; published: number }>;
    timeToInsight: Array<{ bucket: string; firstReadDays: number | null; grantHours: number | null }>;
  };
};

const MAX_ANNOTATIONS = 20;

/** Policy saves (global, and the scope's domain or every domain) and rollout stage changes within the range. */
export async function dashboardAnnotations(scope: Scope, range: DateRange): Promise<Annotation[]> {
  const domain = scope.domainId ?? null;
  const from = ts(parseDay(range.from));
  const to = ts(endOf(range.to));
  const rows = await db.$queryRaw<{ at: Date; kind: "policy" | "rollout"; label: string; note: string }[]>(Prisma.sql`
    (SELECT pv.created_at AS at, 'policy' AS kind,
            CASE WHEN p.scope = 'global' THEN 'Global policy v' ELSE coalesce(d.name, 'Domain') || ' policy v' END || pv.version AS label,
            pv.note AS note
     FROM policy_versions pv JOIN policies p ON p.id = pv.policy_id LEFT JOIN domains d ON d.id = p.domain_id
     WHERE pv.created_at BETWEEN ${from} AND ${to} AND pv.version > 1
       AND (${domain}::uuid IS NULL OR p.scope = 'global' OR p.domain_id = ${domain}::uuid))
    UNION ALL
    (SELECT e.at, 'rollout', d.name || ': ' || coalesce(e.meta->>'from', '?') || ' → ' || coalesce(e.meta->>'to', '?'), ''
     FROM metric_events e JOIN domains d ON d.id = e.domain_id
     WHERE e.type = 'domain_stage_changed' AND e.at BETWEEN ${from} AND ${to} AND (${domain}::uuid IS NULL OR e.domain_id = ${domain}::uuid))
    ORDER BY at DESC LIMIT ${MAX_ANNOTATIONS}`);
  return rows.reverse().map((r) => ({ at: r.at.toISOString(), kind: r.kind, label: r.label, note: r.note }));
}

export async function loadDashboard(scope: Scope, range: DateRange): Promise<Dashboard> {
  const prev = previousPeriod(range);
  const g = chartGranularity(range);
  // Every rollup figure in one statement; each chart series reads only the types it plots.
  const availabilityTypes = ["api_request", "health_probe"];
  const sumPieces = [
    ...withTypes(rangePieces("cur", range), [...SERIES_TYPES, ...BUCKET_TYPES]),
    ...withTypes(rangePieces("prev", prev), [...SERIES_TYPES, ...BUCKET_TYPES]),
    ...withTypes(seriesPieces("w:", range, "week"), ["product_read", "quality_run", ...(g === "week" ? availabilityTypes : [])]),
    ...withTypes(seriesPieces("m:", range, "month"), ["product_published"]),
    ...(g === "week" ? [] : withTypes(seriesPieces("d:", range, "day"), availabilityTypes)),
  ];
  const consumerPieces = [...rangePieces("cur", range), ...rangePieces("prev", prev), ...seriesPieces("w:", range, "week")];
  const [sums, consumers, reads, grants, rated, products, byTemplate, costModel, annotations] = await Promise.all([
    readSums(sumPieces, [], { domainIds: [scopeKey(scope)] }),
    readDistinctConsumers(consumerPieces, [scopeKey(scope)]),
    firstReads(scope),
    grantTimes(scope, range, prev),
    ratings(scope, range, prev),
    productCounts(scope),
    publishedByTemplate(scope),
    getCostModel(),
    dashboardAnnotations(scope, range),
  ]);
  const hist = histograms(sums);
  const cur = (t: SeriesType) => totalOf(sums, "cur", t);
  const old = (t: SeriesType) => totalOf(sums, "prev", t);
  const distinct = (label: string) => consumers.find((c) => c.label === label)?.n ?? 0;
  const avail = (label: string) => availability(totalOf(sums, label, "api_request"), totalOf(sums, label, "health_probe"));
  const quality = (label: string) => meanOf([totalOf(sums, label, "quality_run")]);
  const latency = (t: (typeof HISTOGRAM_TYPES)[number]): LatencyFigure => {
    const p95 = histogramQuantile(hist[t].current, 0.95);
    const c = cur(t);
    return {
      p50: histogramQuantile(hist[t].current, 0.5),
      p95,
      mean: ratio(c.sum, c.count),
      count: c.count,
      p95Trend: trend(p95, histogramQuantile(hist[t].previous, 0.95)),
    };
  };

  const rangeStart = parseDay(range.from).getTime();
  const rangeEnd = endOf(range.to).getTime();
  const ttfr = timesToFirstRead(reads, rangeStart, rangeEnd);
  const ttfrPrev = timesToFirstRead(reads, parseDay(prev.from).getTime(), endOf(prev.to).getTime());
  const published = cur("product_published").count;
  const publishedPrev = old("product_published").count;
  const readsNow = cur("product_read").count;
  const readsPrev = old("product_read").count;
  // The figure at the end of the range: today's count when the range ends today, else as of its last day.
  const endsToday = range.to >= new Date().toISOString().slice(0, 10);
  const publishedNow = endsToday ? (products.byLifecycle.published ?? 0) : await publishedAsOf(scope, endOf(range.to));

  const months = buckets(range.from, range.to, "month");
  const firstReadByMonth = new Map<string, number[]>();
  for (const r of reads) {
    if (!r.firstReadAt) continue;
    const t = r.firstReadAt.getTime();
    if (t < rangeStart || t > rangeEnd) continue;
    const m = `${r.firstReadAt.toISOString().slice(0, 7)}-01`;
    firstReadByMonth.set(m, [...(firstReadByMonth.get(m) ?? []), t - r.publishedAt.getTime()]);
  }
  const chartPrefix = g === "week" ? "w:" : "d:";

  return {
    annotations,
    range,
    previous: prev,
    granularity: g,
    kpis: {
      // Against the count at the start of the period: today's published products minus this period's publications.
      publishedProducts: { value: publishedNow, trend: trend(publishedNow, Math.max(0, publishedNow - published)) },
      availability: { value: avail("cur"), trend: trend(avail("cur"), avail("prev")) },
      qualityScore: { value: quality("cur"), trend: trend(quality("cur"), quality("prev")) },
      reads: { value: readsNow, trend: trend(readsNow, readsPrev), growth: growth(readsNow, readsPrev) },
      consumers: { value: distinct("cur"), trend: trend(distinct("cur"), distinct("prev")) },
      timeToFirstReadMs: { value: median(ttfr), trend: trend(median(ttfr), median(ttfrPrev)), count: ttfr.length },
      timeToGrantMs: { value: grants.current, trend: trend(grants.current, grants.previous), count: grants.count },
      satisfaction: { value: rated.current.mean, trend: trend(rated.current.mean, rated.previous.mean), count: rated.current.count },
      innovationPerMonth: {
        value: innovationRate(published, monthsIn(range)),
        trend: trend(innovationRate(published, monthsIn(range)), innovationRate(publishedPrev, monthsIn(prev))),
        published,
      },
      accessRequests: { value: cur("access_requested").count, trend: trend(cur("access_requested").count, old("access_requested").count) },
    },
    latency: { api: latency("api_request"), ingestion: latency("ingestion_run"), provisioning: latency("provisioning_run") },
    satisfaction: rated.current,
    cost: { ...costReduction(costModel, byTemplate), model: costModel },
    products,
    series: {
      usage: buckets(range.from, range.to, "week").map((b) => ({
        bucket: b,
        reads: totalOf(sums, `w:${b}`, "product_read").count,
        consumers: distinct(`w:${b}`),
      })),
      availability: buckets(range.from, range.to, g).map((b) => {
        const api = totalOf(sums, `${chartPrefix}${b}`, "api_request");
        const probe = totalOf(sums, `${chartPrefix}${b}`, "health_probe");
        const a = availability(api, probe);
        return {
          bucket: b,
          availability: a === null ? null : a * 100,
          requests: api.count + probe.count,
          errors: api.flagged + probe.flagged,
        };
      }),
      quality: buckets(range.from, range.to, "week").map((b) => {
        const q = totalOf(sums, `w:${b}`, "quality_run");
        return { bucket: b, score: ratio(q.sum, q.count), runs: q.count };
      }),
      published: months.map((b) => ({ bucket: b, published: totalOf(sums, `m:${b}`, "product_published").count })),
      timeToInsight: months.map((m) => {
        const fr = median(firstReadByMonth.get(m) ?? []);
        const gr = grants.monthly.get(m) ?? null;
        return { bucket: m, firstReadDays: fr === null ? null : fr / 86_400_000, grantHours: gr === null ? null : gr / 3_600_000 };
      }),
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Breakdowns

export type DomainBreakdownRow = {
  domainId: string;
  slug: string;
  name: string;
  stage: string;
  products: number;
  published: number;
  reads: number;
  consumers: number;
  availability: number | null;
  quality: number | null;
  satisfaction: number | null;
  compliantShare: number | null;
};

const BREAKDOWN_TYPES = ["product_read", "api_request", "health_probe", "quality_run"];

/** One row per domain for the range: every figure from domain-scope rollups and the small registry tables. */
export async function domainBreakdown(range: DateRange): Promise<DomainBreakdownRow[]> {
  const domains = await db.domain.findMany({
    where: { status: { not: "archived" } },
    select: { id: true, slug: true, name: true, rolloutStage: true },
    orderBy: { name: "asc" },
  });
  const ids = domains.map((d) => d.id);
  const pieces = rangePieces("cur", range);
  const [agg, consumers, prods, rated] = await Promise.all([
    readSums(pieces, BREAKDOWN_TYPES, { domainIds: ids }),
    readDistinctConsumers(pieces, ids),
    db.$queryRaw<Array<{ domainId: string; total: number; published: number; compliant: number; active: number }>>`
      SELECT domain_id::text AS "domainId", count(*)::int AS total,
             count(*) FILTER (WHERE lifecycle = 'published')::int AS published,
             count(*) FILTER (WHERE lifecycle <> 'retired' AND compliance_status IN ('passing', 'warnings'))::int AS compliant,
             count(*) FILTER (WHERE lifecycle <> 'retired')::int AS active
      FROM data_products GROUP BY 1`,
    db.$queryRaw<Array<{ domainId: string; mean: number }>>`
      SELECT p.domain_id::text AS "domainId", avg(r.score)::float8 AS mean
      FROM product_ratings r JOIN data_products p ON p.id = r.product_id
      WHERE r.updated_at BETWEEN ${ts(parseDay(range.from))} AND ${ts(endOf(range.to))}
      GROUP BY 1`,
  ]);
  return domains.map((d) => {
    const get = (t: string) => totalOf(agg, "cur", t, { domainId: d.id });
    const q = get("quality_run");
    const p = prods.find((x) => x.domainId === d.id);
    return {
      domainId: d.id,
      slug: d.slug,
      name: d.name,
      stage: d.rolloutStage,
      products: p?.total ?? 0,
      published: p?.published ?? 0,
      reads: get("product_read").count,
      consumers: consumers.find((c) => c.domainId === d.id)?.n ?? 0,
      availability: availability(get("api_request"), get("health_probe")),
      quality: ratio(q.sum, q.count),
      satisfaction: rated.find((r) => r.domainId === d.id)?.mean ?? null,
      compliantShare: p ? ratio(p.compliant, p.active) : null,
    };
  });
}

export type ProductBreakdownRow = {
  id: string;
  name: string;
  lifecycle: string;
  reads: number;
  requests: number;
  availability: number | null;
  quality: number | null;
  lastQuality: number | null;
  rating: number | null;
  ratings: number;
};

/** Products of one domain with their figures for the range (product-scope rollups), one page at a time. */
export async function productBreakdown(
  domainId: string,
  range: DateRange,
  opts: { page: number; pageSize: number },
): Promise<{ items: ProductBreakdownRow[]; total: number }> {
  const where = { domainId };
  const [products, totalCount] = await Promise.all([
    db.dataProduct.findMany({
      where,
      orderBy: { name: "asc" },
      skip: (opts.page - 1) * opts.pageSize,
      take: opts.pageSize,
      select: { id: true, name: true, lifecycle: true },
    }),
    db.dataProduct.count({ where }),
  ]);
  const ids = products.map((p) => p.id);
  if (ids.length === 0) return { items: [], total: totalCount };
  const [agg, lastRuns, rated] = await Promise.all([
    readSums(rangePieces("cur", range, { weeks: false }), BREAKDOWN_TYPES, { domainIds: [domainId], productIds: ids }),
    db.$queryRaw<Array<{ productId: string; score: number }>>`
      SELECT DISTINCT ON (product_id) product_id::text AS "productId", score FROM quality_runs
      WHERE product_id = ANY(${ids}::uuid[]) ORDER BY product_id, at DESC`,
    db.productRating.groupBy({ by: ["productId"], where: { productId: { in: ids } }, _avg: { score: true }, _count: { _all: true } }),
  ]);
  const get = (p: string, t: string) => totalOf(agg, "cur", t, { productId: p });
  return {
    total: totalCount,
    items: products.map((p) => {
      const api = get(p.id, "api_request");
      const q = get(p.id, "quality_run");
      const r = rated.find((x) => x.productId === p.id);
      return {
        id: p.id,
        name: p.name,
        lifecycle: p.lifecycle,
        reads: get(p.id, "product_read").count,
        requests: api.count,
        availability: availability(api, get(p.id, "health_probe")),
        quality: ratio(q.sum, q.count),
        lastQuality: lastRuns.find((x) => x.productId === p.id)?.score ?? null,
        rating: r?._avg.score ?? null,
        ratings: r?._count._all ?? 0,
      };
    }),
  };
}

/** The domain a domain dashboard or export is about, by slug; null when there is none. */
export type MetricsDomain = { id: string; slug: string; name: string; rolloutStage: RolloutStageName };

/** Per request (React `cache`): the domain page's layout decides 404 with it and the page reads it again. */
export const getMetricsDomain = cache(async (slug: string): Promise<MetricsDomain | null> => {
  const d = await db.domain.findUnique({ where: { slug }, select: { id: true, slug: true, name: true, rolloutStage: true } });
  return d ? { ...d, rolloutStage: d.rolloutStage as RolloutStageName } : null;
});

/** The templates the cost model prices, by name (the model adds "No template" itself). */
export async function listCostModelTemplates(): Promise<{ key: string; name: string }[]> {
  return db.template.findMany({ orderBy: { name: "asc" }, select: { key: true, name: true } });
}

export type ProductUsage = { reads: number; consumers: number; days: number };

/**
 * What a product page shows of its use over the last `days`, in one statement (index probes on
 * (product_id, type, at)): reads and distinct readers, and its service levels as measured —
 * availability and p95 answer time from its data API requests and health probes, freshness from its last
 * successful data load (lib/metrics/slo-actuals.ts judges them). Cached per request, so the usage line and
 * the service-level card share it.
 */
const productActivity = cache(async (productId: string, days: number): Promise<{ usage: ProductUsage; slo: SloActuals }> => {
  const [row] = await db.$queryRaw<
    {
      reads: number;
      consumers: number;
      samples: number;
      down: number;
      requests: number;
      p95: number | null;
      minutes_since_load: number | null;
    }[]
  >(Prisma.sql`
    WITH recent AS (
      SELECT type, user_id, status, duration_ms, meta FROM metric_events
      WHERE product_id = ${productId}::uuid AND type IN ('product_read', 'api_request', 'health_probe')
        AND at >= (now() AT TIME ZONE 'UTC') - make_interval(days => ${days}::int)
    )
    SELECT count(*) FILTER (WHERE type = 'product_read')::int AS reads,
           count(DISTINCT user_id) FILTER (WHERE type = 'product_read')::int AS consumers,
           count(*) FILTER (WHERE type <> 'product_read')::int AS samples,
           count(*) FILTER (WHERE type <> 'product_read' AND coalesce((meta->>'flagged')::boolean, status = 0 OR status >= 500))::int AS down,
           count(*) FILTER (WHERE type = 'api_request')::int AS requests,
           percentile_cont(0.95) WITHIN GROUP (ORDER BY duration_ms) FILTER (WHERE type = 'api_request' AND duration_ms IS NOT NULL) AS p95,
           (SELECT extract(epoch FROM (now() AT TIME ZONE 'UTC') - max(at)) / 60 FROM metric_events
             WHERE product_id = ${productId}::uuid AND type = 'ingestion_run' AND meta->>'status' = 'succeeded')::float8 AS minutes_since_load
    FROM recent`);
  const samples = row?.samples ?? 0;
  return {
    usage: { reads: row?.reads ?? 0, consumers: row?.consumers ?? 0, days },
    slo: {
      days,
      samples,
      availability: samples > 0 ? ((samples - row!.down) / samples) * 100 : null,
      latencyP95Ms: row?.p95 ?? null,
      requests: row?.requests ?? 0,
      minutesSinceLoad: row?.minutes_since_load ?? null,
    },
  };
});

/** Reads and distinct readers of a product over the last `days` (see productActivity). */
export async function productUsage(productId: string, days = 30): Promise<ProductUsage> {
  return (await productActivity(productId, days)).usage;
}

/** A product's service levels as measured over the last `days` (see productActivity). */
export async function productSloActuals(productId: string, days = 30): Promise<SloActuals> {
  return (await productActivity(productId, days)).slo;
}

/** The target lines of a dashboard (lib/metrics/targets.ts): the scope's effective policy and the templates' promises. */
export async function dashboardTargets(domainSlug?: string): Promise<DashboardTargets> {
  const [policy, templates] = await Promise.all([
    effectivePolicyFor(domainSlug ?? ""),
    db.template.findMany({ select: { defaults: true } }),
  ]);
  const promised = templates.map((t) => Number((t.defaults as { slo?: { availability?: unknown } } | null)?.slo?.availability));
  return targetsFrom(policy, promised);
}
