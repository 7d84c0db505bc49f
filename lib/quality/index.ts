// The quality area's public entry for other areas (pure: type-only re-exports, erased at run time).
export type { QualityRunResult } from "./record-quality-run";
