// Which daily rollup rows one metric event feeds. Pure, so the single and the bulk recorder (and their
// tests) agree on exactly the same keys.
import { monthStart, weekStart } from "@/lib/metrics/period";

/**
 * Upper bounds (ms) of the latency histogram kept for duration-type events. Percentiles are interpolated
 * within a bucket (like Prometheus' histogram_quantile), so they are approximations bounded by the bucket
 * widths; the last bucket is open (+Inf).
 */
export const LATENCY_BUCKETS_MS = [
  5,
  10,
  25,
  50,
  100,
  250,
  500,
  1_000,
  2_500,
  5_000,
  10_000,
  30_000,
  60_000,
  120_000,
  300_000,
  600_000,
  Infinity,
] as const;

/** Event types whose durationMs also goes into a latency histogram. */
export const HISTOGRAM_TYPES = ["api_request", "ingestion_run", "provisioning_run"] as const;

/** The rollup type of one histogram bucket, e.g. "api_request:le:250" or "api_request:le:inf". */
export function bucketType(type: string, bound: number): string {
  return `${type}:le:${Number.isFinite(bound) ? bound : "inf"}`;
}

export function bucketFor(ms: number): number {
  for (const b of LATENCY_BUCKETS_MS) if (ms <= b) return b;
  return Infinity;
}

/**
 * Distinct consumers without scanning raw events: every product_read also yields keys of this type, with
 * product_id holding the USER id (domain_id "" overall, or the product's domain). The recorder does not count
 * them in metric_rollups: it sets the reader's bit in the (day, grain, domain) bitmap of metric_consumer_sets,
 * so a period's distinct consumers is the popcount of the OR of its pieces' bitmaps — exact, and a few
 * hundred bytes per piece whatever the number of reads.
 */
export const ACTIVE_CONSUMER_TYPE = "active_consumer";

/** Bits per metric_consumer_sets row (the column is bit(4096); reader n has bit n % 4096 of chunk n / 4096). */
export const CONSUMER_CHUNK_BITS = 4096;

/**
 * Rollups are kept per day, and also per ISO week (filed under its Monday) and per calendar month (filed
 * under the 1st) as extra rows of type "<type>@week" / "<type>@month". A range is read as the months,
 * weeks and days that tile it (coverRange): a year costs ~12 + a few rows per figure instead of 365,
 * and distinct consumers stay exact (DISTINCT over the tiles' user sets). Product-scope rows have no week
 * grain (product tables sum months and days).
 */
export const GRAINS = ["day", "week", "month"] as const;
export type Grain = (typeof GRAINS)[number];

export function grainType(type: string, grain: Grain): string {
  return grain === "day" ? type : `${type}@${grain}`;
}

/** `day` is the day the row is filed under (the event's day, or its week's Monday / month's 1st). */
export type RollupKey = { type: string; domainId: string; productId: string; measure: number | null; flagged: boolean; day: string };

export type RollupInput = {
  type: string;
  /** ISO timestamp of the event; defaults to now. */
  at?: string;
  productId?: string | null;
  domainId?: string | null;
  userId?: string | null;
  value?: number | null;
  durationMs?: number | null;
  status?: number | null;
  /**
   * true when the event counts against a target (an error response, a failed run, ...). Leave it unset for
   * api_request / health_probe / provisioning_run: it is then derived from `status` (see isFlagged).
   */
  flagged?: boolean;
};

/**
 * Whether an event counts against its target. An explicit `flagged` wins; otherwise availability-type events
 * are flagged by their status (5xx or 0 = unreachable: a 401/404 is the API answering, not being down) and
 * provisioning runs by a non-zero status (failed).
 */
export function isFlagged(e: RollupInput): boolean {
  if (e.flagged !== undefined) return e.flagged;
  if (e.status === undefined || e.status === null) return false;
  if (e.type === "api_request" || e.type === "health_probe") return e.status === 0 || e.status >= 500;
  if (e.type === "provisioning_run") return e.status !== 0;
  return false;
}

/** Event types that happen once in a product's life: rolled up overall and per domain only. */
const ONCE_PER_PRODUCT = new Set(["product_registered"]);

type BaseKey = Omit<RollupKey, "day"> & { grains: readonly Grain[] };

export function rollupKeys(e: RollupInput): RollupKey[] {
  const measure = e.value ?? e.durationMs ?? null;
  const flagged = isFlagged(e);
  const domainId = e.domainId ?? "";
  const productId = e.productId ?? "";
  const day = (e.at ?? new Date().toISOString()).slice(0, 10);
  const aggregate = domainId ? ["", domainId] : [""];
  const base: BaseKey[] = aggregate.map((d) => ({ type: e.type, domainId: d, productId: "", measure, flagged, grains: GRAINS }));
  // A product is registered once: its own row would always say 1, and bulk registration would write two per product.
  if (productId && !ONCE_PER_PRODUCT.has(e.type))
    base.push({ type: e.type, domainId, productId, measure, flagged, grains: ["day", "month"] });
  if ((HISTOGRAM_TYPES as readonly string[]).includes(e.type) && typeof e.durationMs === "number" && Number.isFinite(e.durationMs)) {
    // Overall and per domain only: no page shows per-product percentiles.
    const t = bucketType(e.type, bucketFor(e.durationMs));
    for (const d of aggregate) base.push({ type: t, domainId: d, productId: "", measure: null, flagged: false, grains: GRAINS });
  }
  if (e.type === "product_read" && e.userId) {
    for (const d of aggregate)
      base.push({ type: ACTIVE_CONSUMER_TYPE, domainId: d, productId: e.userId, measure: null, flagged: false, grains: GRAINS });
  }
  const filed: Record<Grain, string> = { day, week: weekStart(day), month: monthStart(day) };
  return base.flatMap(({ grains, ...k }) => grains.map((g) => ({ ...k, type: grainType(k.type, g), day: filed[g] })));
}
