// Service levels against what was measured: a product's declared availability, latency and freshness beside
// the last 30 days of its own events. Pure verdicts here (unit-tested); the one query is in
// lib/metrics/queries.ts (productSloActuals).
import type { ServiceLevelObjectives } from "@/lib/products";

export type SloActuals = {
  days: number;
  /** Data API requests and health probes of the product's deployments in the window. */
  samples: number;
  /** Good answers ÷ samples, in percent; null without samples. */
  availability: number | null;
  /** 95th percentile of the data API's answer time for this product, in ms; null without requests. */
  latencyP95Ms: number | null;
  requests: number;
  /** Minutes since the last successful data load; null when data was never loaded. */
  minutesSinceLoad: number | null;
};

export type SloVerdict = { actual: number | null; meets: boolean | null };

/**
 * Each objective against its actual: availability meets at or above the target, latency at or below it,
 * freshness when the last load is no older than the target. Unknown (null) when nothing was measured.
 */
export function sloVerdicts(slo: ServiceLevelObjectives, a: SloActuals): Record<keyof ServiceLevelObjectives, SloVerdict> {
  const at = (actual: number | null, ok: (v: number) => boolean): SloVerdict => ({ actual, meets: actual === null ? null : ok(actual) });
  return {
    availability: at(a.availability, (v) => v >= slo.availability),
    latencyMs: at(a.latencyP95Ms, (v) => v <= slo.latencyMs),
    freshnessMinutes: at(a.minutesSinceLoad, (v) => v <= slo.freshnessMinutes),
  };
}

/** 99.95 → "99.95 %", 100 → "100 %", 99.9999 → "99.9999 %" is cut to "99.99 %" (never rounded up to 100). */
export function formatAvailability(percent: number): string {
  const floored = Math.floor(percent * 100) / 100;
  return `${Number.isInteger(floored) ? floored.toFixed(0) : String(floored)} %`;
}
