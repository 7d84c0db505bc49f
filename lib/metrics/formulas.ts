// The success metrics' formulas, as pure functions over rollup figures and small lists. The dashboard,
// the CSV export and the Prometheus endpoint all compute through these, and the unit tests pin them on
// known events. Each DEFINITIONS entry is the text shown beside the figure.
import { LATENCY_BUCKETS_MS } from "@/lib/metrics/rollup-keys";

export const DEFINITIONS = {
  productCount: "Data products registered in the mesh, by domain and lifecycle (current registry).",
  availability:
    "Share of API requests and health probes that succeeded: (requests + probes − 5xx/unreachable) ÷ (requests + probes). A 401/403/404 is the API answering, so it counts as available.",
  quality: "Mean score of the quality runs in the period; a run's score is the mean of completeness, accuracy and consistency (percent).",
  latency:
    "Ingestion and provisioning run durations: p50 / p95 interpolated within latency-histogram buckets (approximate to the bucket width).",
  storage:
    "Bytes on disk (table + indexes + TOAST, pg_total_relation_size) of each provisioned product table ÷ its estimated rows (pg_class.reltuples).",
  timeToInsight:
    "Median time from a product's publication to its first consumer read (products first read in the period), and median time from an access request to its grant (grants in the period).",
  usage:
    "Product reads in the period and per week; growth compares with the previous period of the same length. Distinct consumers: users with at least one read.",
  cost: "MODEL, not measured spend: each published product costs its template's monthly cost; the central-team baseline is what one product costs when a central data team builds and runs it. Saving = baseline × products − Σ template costs.",
  satisfaction:
    "Mean of consumers' 1–5 ratings given or changed in the period (one rating per consumer and product), with the distribution.",
  innovation: "Products published per month: publications in the period ÷ months in the period.",
  apiLatency:
    "Response time of the data read API (/api/data/<domain>/<product>), measured in the portal from request to response: p50 / p95 interpolated within latency-histogram buckets (approximate to the bucket width).",
  consumers:
    "Distinct users with at least one product read in the period (each user counted once, however many products or reads); the trend compares with the previous period of the same length.",
} as const;

/**
 * One plain sentence per dashboard tile, for a reader who never saw the database; the formula stays in
 * DEFINITIONS, behind "How is this computed?".
 */
export const PLAIN = {
  productCount: "Data products that consumers can find and use today.",
  availability: "How often the data APIs answered when someone asked for data.",
  quality: "How complete, accurate and consistent the data was when checked, out of 100.",
  latency: "How long loading new data took for the slowest 1 in 20 loads.",
  storage: "Disk space each row of published data takes, so growth and waste show early.",
  timeToInsight: "How soon after a product is published someone first reads it.",
  usage: "How often products were read, and whether that is growing.",
  cost: "Estimated monthly saving against a central data team building the same products. A model, not spend.",
  satisfaction: "How consumers rate the products they use, from 1 to 5.",
  innovation: "How many new products the domains publish per month.",
  apiLatency: "How long the data API took to answer for the slowest 1 in 20 requests.",
  consumers: "How many different people read data products in this period.",
} as const satisfies Record<keyof typeof DEFINITIONS, string>;

// ---------------------------------------------------------------------------------------------------
// Basic statistics

export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** Exact percentile (linear interpolation between closest ranks) of a small list; null when empty. */
export function percentile(values: number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * Math.min(Math.max(q, 0), 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export const median = (values: number[]) => percentile(values, 0.5);

export function mean(values: number[]): number | null {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

// ---------------------------------------------------------------------------------------------------
// Technical metrics

export type Counted = { count: number; flagged: number };

/** API availability: good answers over all answers, requests and probes together (null without any). */
export function availability(requests: Counted, probes: Counted = { count: 0, flagged: 0 }): number | null {
  const total = requests.count + probes.count;
  return ratio(total - requests.flagged - probes.flagged, total);
}

export type QualityMetrics = { completeness: number; accuracy: number; consistency: number };

/** A quality run's score: the mean of its three dimensions, each clamped to 0..100. */
export function qualityScore(m: QualityMetrics): number {
  const clamp = (v: number) => Math.min(100, Math.max(0, v));
  return (clamp(m.completeness) + clamp(m.accuracy) + clamp(m.consistency)) / 3;
}

/** Mean of rollup measures: Σsum ÷ Σcount. */
export function meanOf(rows: Array<{ count: number; sum: number }>): number | null {
  let c = 0;
  let s = 0;
  for (const r of rows) {
    c += r.count;
    s += r.sum;
  }
  return ratio(s, c);
}

export type HistogramBucket = { le: number; count: number };

/**
 * Quantile from non-cumulative histogram buckets (upper bound `le`, Infinity for the open bucket), by linear
 * interpolation inside the bucket that holds the rank — the same estimate as Prometheus' histogram_quantile.
 * A rank in the open bucket returns the highest finite bound (a lower bound of the true value).
 */
export function histogramQuantile(bucketsIn: HistogramBucket[], q: number): number | null {
  const sorted = [...bucketsIn].filter((b) => b.count > 0).sort((a, b) => a.le - b.le);
  const total = sorted.reduce((a, b) => a + b.count, 0);
  if (total === 0) return null;
  const rank = q * total;
  let below = 0;
  for (const b of sorted) {
    if (below + b.count >= rank) {
      const upper = b.le;
      const idx = LATENCY_BUCKETS_MS.indexOf(upper as (typeof LATENCY_BUCKETS_MS)[number]);
      const lower = idx > 0 ? LATENCY_BUCKETS_MS[idx - 1] : 0;
      if (!Number.isFinite(upper)) return lower;
      return lower + ((upper - lower) * (rank - below)) / b.count;
    }
    below += b.count;
  }
  return sorted[sorted.length - 1].le;
}

/** Bytes per row; null when the row count is unknown or zero. */
export function bytesPerRow(bytes: number, rows: number): number | null {
  return rows > 0 ? bytes / rows : null;
}

// ---------------------------------------------------------------------------------------------------
// Business metrics

/**
 * Time from publication to first read per product, in ms, for products whose first read falls in
 * [fromMs, toMs]. Reads before publication do not exist by construction of the query; a product never read
 * contributes nothing.
 */
export function timesToFirstRead(items: Array<{ publishedAt: Date; firstReadAt: Date | null }>, fromMs: number, toMs: number): number[] {
  const out: number[] = [];
  for (const i of items) {
    if (!i.firstReadAt) continue;
    const t = i.firstReadAt.getTime();
    if (t < fromMs || t > toMs) continue;
    out.push(Math.max(0, t - i.publishedAt.getTime()));
  }
  return out;
}

/** Relative change from the previous to the current value (0.25 = +25 %); null when there is no base. */
export function growth(current: number, previous: number): number | null {
  return previous > 0 ? (current - previous) / previous : null;
}

export type CostModel = {
  currency: string;
  /** What one data product costs per month when the central data team builds and runs it. */
  centralBaselineMonthly: number;
  /** Monthly platform cost of one product per template key; "none" for products without a template. */
  templateMonthly: Record<string, number>;
};

export const DEFAULT_COST_MODEL: CostModel = {
  currency: "EUR",
  centralBaselineMonthly: 4_000,
  templateMonthly: { batch_analytics: 1_200, real_time_streaming: 2_600, ml_feature_store: 2_200, none: 1_800 },
};

export type CostEstimate = {
  products: number;
  baselineMonthly: number;
  meshMonthly: number;
  savingMonthly: number;
  savingRatio: number | null;
};

/** Cost reduction under the model for the given published products per template key. */
export function costReduction(model: CostModel, productsByTemplate: Record<string, number>): CostEstimate {
  let products = 0;
  let meshMonthly = 0;
  for (const [key, n] of Object.entries(productsByTemplate)) {
    products += n;
    meshMonthly += n * (model.templateMonthly[key] ?? model.templateMonthly.none ?? model.centralBaselineMonthly);
  }
  const baselineMonthly = products * model.centralBaselineMonthly;
  return {
    products,
    baselineMonthly,
    meshMonthly,
    savingMonthly: baselineMonthly - meshMonthly,
    savingRatio: ratio(baselineMonthly - meshMonthly, baselineMonthly),
  };
}

export type Satisfaction = { mean: number | null; count: number; distribution: [number, number, number, number, number] };

/** Mean, count and 1..5 distribution of ratings (scores outside 1..5 are ignored). */
export function satisfaction(scores: number[]): Satisfaction {
  const distribution: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  const valid = scores.filter((s) => Number.isInteger(s) && s >= 1 && s <= 5);
  for (const s of valid) distribution[s - 1]++;
  return { mean: mean(valid), count: valid.length, distribution };
}

/** Publications per month over a period of `months` months. */
export function innovationRate(published: number, months: number): number | null {
  return months > 0 ? published / months : null;
}

export type Trend = {
  current: number | null;
  previous: number | null;
  delta: number | null;
  change: number | null;
  direction: "up" | "down" | "flat" | "none";
};

/** Period-over-period trend: absolute delta, relative change and direction (within 0.5 % = flat). */
export function trend(current: number | null, previous: number | null): Trend {
  if (current === null || previous === null) return { current, previous, delta: null, change: null, direction: "none" };
  const delta = current - previous;
  const change = previous !== 0 ? delta / Math.abs(previous) : null;
  const flat = change !== null ? Math.abs(change) < 0.005 : delta === 0;
  return { current, previous, delta, change, direction: flat ? "flat" : delta > 0 ? "up" : "down" };
}
