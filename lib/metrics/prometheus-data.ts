// The dashboard's figures as Prometheus metric families: all-time counters from the rollups, and the
// windowed ratios (availability, quality, satisfaction, consumers) over the last 30 days like the dashboard.
import "server-only";
import { db } from "@/lib/db";
import { LATENCY_BUCKETS_MS, bucketType, grainType } from "@/lib/metrics/rollup-keys";
import { parseRange } from "@/lib/metrics/period";
import { domainBreakdown, loadDashboard } from "@/lib/metrics/queries";
import { storageEfficiency } from "@/lib/metrics/storage";
import { formatPrometheus, type MetricFamily, type Sample } from "@/lib/metrics/prometheus";

const COUNTER_TYPES = [
  "api_request",
  "product_read",
  "health_probe",
  "access_requested",
  "access_granted",
  "access_denied",
  "product_published",
  "quality_run",
  "ingestion_run",
  "provisioning_run",
  "rating",
];

export async function prometheusText(today: Date = new Date()): Promise<string> {
  const range = parseRange({ range: "30d" }, today);
  const [counters, hist, overall, domains, storage] = await Promise.all([
    // All-time counters: the monthly rollup rows (every event is in exactly one month).
    db.$queryRaw<Array<{ domainId: string; type: string; count: number; sum: number; flagged: number }>>`
      SELECT domain_id AS "domainId", split_part(type, '@', 1) AS type, sum(count)::float8 AS count, sum(sum) AS sum, sum(flagged)::float8 AS flagged
      FROM metric_rollups WHERE type = ANY(${COUNTER_TYPES.map((t) => grainType(t, "month"))}::text[]) AND product_id = '' GROUP BY 1, 2`,
    db.$queryRaw<Array<{ type: string; count: number }>>`
      SELECT split_part(type, '@', 1) AS type, sum(count)::float8 AS count FROM metric_rollups
      WHERE type = ANY(${LATENCY_BUCKETS_MS.map((b) => grainType(bucketType("api_request", b), "month"))}::text[]) AND domain_id = '' AND product_id = '' GROUP BY 1`,
    loadDashboard({}, range),
    domainBreakdown(range),
    storageEfficiency({}),
  ]);
  const slug = new Map(domains.map((d) => [d.domainId, d.slug]));
  const perDomain = (type: string, field: "count" | "flagged" = "count"): Sample[] =>
    counters
      .filter((c) => c.type === type && c.domainId !== "" && slug.has(c.domainId))
      .map((c) => ({ labels: { domain: slug.get(c.domainId)! }, value: c[field] }));
  const counter = (name: string, help: string, type: string, field: "count" | "flagged" = "count"): MetricFamily => ({
    name,
    help,
    type: "counter",
    samples: perDomain(type, field),
  });

  let cumulative = 0;
  const bucketSamples: Sample[] = LATENCY_BUCKETS_MS.map((b) => {
    cumulative += hist.find((h) => h.type === bucketType("api_request", b))?.count ?? 0;
    return { suffix: "_bucket", labels: { le: Number.isFinite(b) ? String(b) : "+Inf" }, value: cumulative };
  });
  const apiAll = counters.find((c) => c.type === "api_request" && c.domainId === "");
  const k = overall.kpis;
  // The dashboard already counted the products (all domains), so the gauge reuses its figures.
  const counts = overall.products;

  const families: MetricFamily[] = [
    {
      name: "meshport_data_products",
      help: "Data products in the registry by domain and lifecycle.",
      type: "gauge",
      samples: counts.byDomain.flatMap((d) =>
        Object.entries(d.byLifecycle).map(([lifecycle, n]) => ({ labels: { domain: d.slug, lifecycle }, value: n })),
      ),
    },
    counter("meshport_api_requests_total", "Data API requests recorded.", "api_request"),
    counter("meshport_api_errors_total", "Data API requests answered with 5xx or not at all.", "api_request", "flagged"),
    counter("meshport_health_probes_total", "Health probes of product endpoints.", "health_probe"),
    counter("meshport_health_probe_failures_total", "Failed health probes.", "health_probe", "flagged"),
    counter("meshport_product_reads_total", "Consumer reads of product data.", "product_read"),
    counter("meshport_access_requests_total", "Access requests made.", "access_requested"),
    counter("meshport_access_grants_total", "Access requests granted.", "access_granted"),
    counter("meshport_products_published_total", "Product publications.", "product_published"),
    counter("meshport_quality_runs_total", "Quality runs.", "quality_run"),
    counter("meshport_ingestion_runs_total", "Ingestion loads.", "ingestion_run"),
    counter("meshport_provisioning_runs_total", "Provisioning runs.", "provisioning_run"),
    {
      name: "meshport_api_request_duration_ms",
      help: "Data API latency histogram (all time, milliseconds).",
      type: "histogram",
      samples: [...bucketSamples, { suffix: "_sum", value: apiAll?.sum ?? 0 }, { suffix: "_count", value: cumulative }],
    },
    {
      name: "meshport_api_availability_ratio",
      help: "Share of API requests and probes that succeeded, last 30 days.",
      type: "gauge",
      samples: [
        { labels: { domain: "all" }, value: k.availability.value },
        ...domains.map((d) => ({ labels: { domain: d.slug }, value: d.availability })),
      ],
    },
    {
      name: "meshport_quality_score",
      help: "Mean quality run score (percent), last 30 days.",
      type: "gauge",
      samples: [
        { labels: { domain: "all" }, value: k.qualityScore.value },
        ...domains.map((d) => ({ labels: { domain: d.slug }, value: d.quality })),
      ],
    },
    {
      name: "meshport_distinct_consumers",
      help: "Users with at least one read, last 30 days.",
      type: "gauge",
      samples: [
        { labels: { domain: "all" }, value: k.consumers.value },
        ...domains.map((d) => ({ labels: { domain: d.slug }, value: d.consumers })),
      ],
    },
    {
      name: "meshport_user_satisfaction",
      help: "Mean 1-5 rating given or changed in the last 30 days.",
      type: "gauge",
      samples: [
        { labels: { domain: "all" }, value: k.satisfaction.value },
        ...domains.map((d) => ({ labels: { domain: d.slug }, value: d.satisfaction })),
      ],
    },
    {
      name: "meshport_time_to_first_read_seconds",
      help: "Median time from publication to first consumer read, first reads in the last 30 days.",
      type: "gauge",
      samples: [{ value: k.timeToFirstReadMs.value === null ? null : k.timeToFirstReadMs.value / 1000 }],
    },
    {
      name: "meshport_time_to_access_grant_seconds",
      help: "Median time from access request to grant, grants in the last 30 days.",
      type: "gauge",
      samples: [{ value: k.timeToGrantMs.value === null ? null : k.timeToGrantMs.value / 1000 }],
    },
    {
      name: "meshport_innovation_rate_per_month",
      help: "Products published per month, last 30 days.",
      type: "gauge",
      samples: [{ value: k.innovationPerMonth.value }],
    },
    {
      name: "meshport_processing_latency_p95_ms",
      help: "p95 duration of ingestion and provisioning runs, last 30 days (histogram estimate).",
      type: "gauge",
      samples: [
        { labels: { process: "ingestion" }, value: overall.latency.ingestion.p95 },
        { labels: { process: "provisioning" }, value: overall.latency.provisioning.p95 },
      ],
    },
    {
      name: "meshport_cost_saving_monthly_model",
      help: "MODELLED monthly saving of published products against the central-team baseline (cost model, not measured spend).",
      type: "gauge",
      samples: [{ labels: { currency: overall.cost.model.currency }, value: overall.cost.savingMonthly }],
    },
    {
      name: "meshport_storage_bytes",
      help: "On-disk bytes of provisioned product tables.",
      type: "gauge",
      samples: storage.rows.filter((r) => r.provisioned).map((r) => ({ labels: { domain: r.domain, product: r.product }, value: r.bytes })),
    },
    {
      name: "meshport_storage_bytes_per_row",
      help: "On-disk bytes per row across provisioned product tables.",
      type: "gauge",
      samples: [{ value: storage.bytesPerRow }],
    },
    {
      name: "meshport_domain_rollout_stage",
      help: "1 for the rollout stage each domain is in.",
      type: "gauge",
      samples: domains.map((d) => ({ labels: { domain: d.slug, stage: d.stage }, value: 1 })),
    },
  ];
  return formatPrometheus(families);
}
