// The lines drawn across the dashboard's charts: what the mesh has promised, so a chart says whether it is
// kept. The quality score's target is the governing policy's bar for the score's own three dimensions
// (completeness, accuracy, consistency: the score is their mean, so the target is the mean of their
// thresholds); availability's is the policy's floor when it sets one, else the lowest availability any
// platform template promises by default (what every product made from a template has promised at least).
import type { EffectivePolicy } from "@/lib/governance";

export type DashboardTargets = { availability: number | null; quality: number | null };

const SCORE_DIMENSIONS = ["completeness", "accuracy", "consistency"] as const;

export function targetsFrom(
  policy: Pick<EffectivePolicy, "data_quality" | "quality_requirements"> | null,
  templateAvailabilities: number[],
): DashboardTargets {
  const thresholds = SCORE_DIMENSIONS.map((m) => {
    const required = policy?.quality_requirements?.[m];
    if (typeof required === "number") return required;
    return policy?.data_quality.find((r) => r.metric === m)?.threshold;
  }).filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  const quality = thresholds.length > 0 ? Math.round((thresholds.reduce((a, b) => a + b, 0) / thresholds.length) * 100) / 100 : null;
  const floor = policy?.quality_requirements?.availability;
  const promised = templateAvailabilities.filter((v) => Number.isFinite(v) && v > 0);
  const availability = typeof floor === "number" ? floor : promised.length > 0 ? Math.min(...promised) : null;
  return { availability, quality };
}
