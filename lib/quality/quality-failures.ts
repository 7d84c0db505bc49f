// Which measured metrics of a quality run fall below what the effective policy requires (the same
// thresholds the `quality.threshold` validation rule reads: quality_requirements first, then data_quality).
// A product with several datasets fails on its pooled figures, and each failure names the datasets below the
// threshold. Pure, so the rule is unit-tested without a database.
import type { QualityMetrics } from "@/lib/metrics";

export type QualityThresholds = {
  quality_requirements?: Partial<Record<string, number | string | undefined>>;
  data_quality: ReadonlyArray<{ metric: string; threshold: number }>;
};

export type QualityFailure = {
  metric: keyof QualityMetrics;
  score: number;
  threshold: number;
  /** A product with several datasets: those whose own figure is below the threshold (by key). */
  datasets?: string[];
};

/** One dataset's own figures (the run's metrics pool them). */
export type DatasetMetrics = { key: string; metrics: QualityMetrics };

const MEASURED = ["completeness", "accuracy", "consistency"] as const;

export function qualityFailures(
  metrics: QualityMetrics,
  policy: QualityThresholds | null,
  datasets: readonly DatasetMetrics[] = [],
): QualityFailure[] {
  if (!policy) return [];
  return MEASURED.flatMap((metric) => {
    const required = policy.quality_requirements?.[metric];
    const threshold = typeof required === "number" ? required : policy.data_quality.find((q) => q.metric === metric)?.threshold;
    const score = metrics[metric];
    if (threshold === undefined || !Number.isFinite(score) || score >= threshold) return [];
    const below = datasetsBelow(datasets, metric, threshold);
    return [{ metric, score, threshold, ...(below.length > 0 ? { datasets: below } : {}) }];
  });
}

/** The keys of the datasets whose own figure for `metric` is under `threshold` (none for a single dataset). */
export function datasetsBelow(datasets: readonly DatasetMetrics[], metric: keyof QualityMetrics, threshold: number): string[] {
  return datasets.length > 1 ? datasets.filter((d) => d.metrics[metric] < threshold).map((d) => d.key) : [];
}
