// The metrics area's public entry for other areas (pure): the success-metric formulas. Recording metric
// events touches the database: `@/lib/metrics/server`.
export { qualityScore, satisfaction, type QualityMetrics, type Satisfaction } from "./formulas";
