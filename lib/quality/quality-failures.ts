// Which measured metrics of a quality run fall below what the effective policy requires (the same
// thresholds the `quality.threshold` validation rule reads: quality_requirements first, then data_quality).
// Pure, so the rule is unit-tested without a database.
import type { QualityMetrics } from "@/lib/metrics";

export type QualityThresholds = {
  quality_requirements?: Partial<Record<string, number | string | undefined>>;
  data_quality: ReadonlyArray<{ metric: string; threshold: number }>;
};

export type QualityFailure = { metric: keyof QualityMetrics; score: number; threshold: number };

const MEASURED = ["completeness", "accuracy", "consistency"] as const;

export function qualityFailures(metrics: QualityMetrics, policy: QualityThresholds | null): QualityFailure[] {
  if (!policy) return [];
  return MEASURED.flatMap((metric) => {
    const required = policy.quality_requirements?.[metric];
    const threshold = typeof required === "number" ? required : policy.data_quality.find((q) => q.metric === metric)?.threshold;
    const score = metrics[metric];
    if (threshold === undefined || !Number.isFinite(score) || score >= threshold) return [];
    return [{ metric, score, threshold }];
  });
}
