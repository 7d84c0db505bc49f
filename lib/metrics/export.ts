// The CSV behind every chart and table of the metrics pages: the same figures the page plots.
import "server-only";
import { loadDashboard, domainBreakdown, productBreakdown, type Scope } from "@/lib/metrics/queries";
import { storageEfficiency } from "@/lib/metrics/storage";
import { rolloutOverview } from "@/lib/metrics/rollout";
import { rangeQuery, type DateRange } from "@/lib/metrics/period";
import type { CsvValue } from "@/lib/metrics/csv";

export const CHARTS = [
  "usage",
  "availability",
  "quality",
  "published",
  "time-to-insight",
  "latency",
  "satisfaction",
  "products",
  "domains",
  "domain-products",
  "storage",
  "rollout",
] as const;
export type ChartKey = (typeof CHARTS)[number];

export function exportHref(chart: ChartKey, range: DateRange, domain?: string): string {
  return `/api/metrics/export?chart=${chart}&${rangeQuery(range)}${domain ? `&domain=${encodeURIComponent(domain)}` : ""}`;
}

export type CsvTable = { columns: string[]; rows: Array<Record<string, CsvValue>> };

const round = (v: number | null, digits = 4) => (v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits);

/** `scope.domainId` + `domainSlug` limit the export to one domain (the domain metrics page). */
export async function chartCsv(chart: ChartKey, scope: Scope, range: DateRange): Promise<CsvTable> {
  switch (chart) {
    case "domains": {
      const rows = await domainBreakdown(range);
      return {
        columns: [
          "domain",
          "stage",
          "products",
          "published",
          "reads",
          "distinct_consumers",
          "availability_ratio",
          "quality_score",
          "satisfaction",
          "compliant_share",
        ],
        rows: rows.map((r) => ({
          domain: r.slug,
          stage: r.stage,
          products: r.products,
          published: r.published,
          reads: r.reads,
          distinct_consumers: r.consumers,
          availability_ratio: round(r.availability, 6),
          quality_score: round(r.quality, 2),
          satisfaction: round(r.satisfaction, 2),
          compliant_share: round(r.compliantShare),
        })),
      };
    }
    case "domain-products": {
      if (!scope.domainId) return { columns: ["product"], rows: [] };
      const { items } = await productBreakdown(scope.domainId, range, { page: 1, pageSize: 10_000 });
      return {
        columns: [
          "product",
          "lifecycle",
          "reads",
          "api_requests",
          "availability_ratio",
          "quality_score_period",
          "last_quality_score",
          "rating",
          "ratings",
        ],
        rows: items.map((p) => ({
          product: p.name,
          lifecycle: p.lifecycle,
          reads: p.reads,
          api_requests: p.requests,
          availability_ratio: round(p.availability, 6),
          quality_score_period: round(p.quality, 2),
          last_quality_score: p.lastQuality,
          rating: round(p.rating, 2),
          ratings: p.ratings,
        })),
      };
    }
    case "storage": {
      const s = await storageEfficiency(scope);
      return {
        columns: ["domain", "product", "provisioned", "environment", "table", "bytes", "rows", "rows_source", "bytes_per_row"],
        rows: s.rows.map((r) => ({
          domain: r.domain,
          product: r.product,
          provisioned: r.provisioned,
          environment: r.environment,
          table: r.table,
          bytes: r.bytes,
          rows: r.rows,
          rows_source: r.rowsSource,
          bytes_per_row: round(r.bytesPerRow, 2),
        })),
      };
    }
    case "rollout": {
      const o = await rolloutOverview();
      const slugs = o.domains.map((d) => d.slug);
      return {
        columns: ["month", ...slugs.map((s) => `${s}_published_cumulative`)],
        rows: o.progress.map((p) => ({
          month: p.bucket as string,
          ...Object.fromEntries(slugs.map((s) => [`${s}_published_cumulative`, p[s] as number])),
        })),
      };
    }
    default:
      break;
  }
  const d = await loadDashboard(scope, range);
  switch (chart) {
    case "usage":
      return {
        columns: ["week", "reads", "distinct_consumers"],
        rows: d.series.usage.map((p) => ({ week: p.bucket, reads: p.reads, distinct_consumers: p.consumers })),
      };
    case "availability":
      return {
        columns: [d.granularity, "availability_percent", "requests_and_probes", "errors"],
        rows: d.series.availability.map((p) => ({
          [d.granularity]: p.bucket,
          availability_percent: round(p.availability, 4),
          requests_and_probes: p.requests,
          errors: p.errors,
        })),
      };
    case "quality":
      return {
        columns: ["week", "quality_score", "runs"],
        rows: d.series.quality.map((p) => ({ week: p.bucket, quality_score: round(p.score, 2), runs: p.runs })),
      };
    case "published":
      return { columns: ["month", "published"], rows: d.series.published.map((p) => ({ month: p.bucket, published: p.published })) };
    case "time-to-insight":
      return {
        columns: ["month", "median_days_publication_to_first_read", "median_hours_request_to_grant"],
        rows: d.series.timeToInsight.map((p) => ({
          month: p.bucket,
          median_days_publication_to_first_read: round(p.firstReadDays, 3),
          median_hours_request_to_grant: round(p.grantHours, 3),
        })),
      };
    case "latency":
      return {
        columns: ["process", "runs", "p50_ms", "p95_ms", "mean_ms"],
        rows: (["api", "ingestion", "provisioning"] as const).map((k) => ({
          process: k,
          runs: d.latency[k].count,
          p50_ms: round(d.latency[k].p50, 1),
          p95_ms: round(d.latency[k].p95, 1),
          mean_ms: round(d.latency[k].mean, 1),
        })),
      };
    case "satisfaction":
      return { columns: ["score", "ratings"], rows: d.satisfaction.distribution.map((n, i) => ({ score: i + 1, ratings: n })) };
    case "products":
      return {
        columns: ["domain", "draft", "in_review", "published", "deprecated", "retired", "total"],
        rows: d.products.byDomain.map((p) => ({
          domain: p.slug,
          draft: p.byLifecycle.draft ?? 0,
          in_review: p.byLifecycle.in_review ?? 0,
          published: p.byLifecycle.published ?? 0,
          deprecated: p.byLifecycle.deprecated ?? 0,
          retired: p.byLifecycle.retired ?? 0,
          total: p.total,
        })),
      };
    default:
      return { columns: [], rows: [] };
  }
}
