// The quality area's public entry for other areas (pure).
export type { QualityRunResult } from "./record-quality-run";
export { contractChecks, meets, qualityQuery, type ContractCheck, type ContractChecks } from "./contract-rules";
export { checkAggregates, matchColumns, metricsFromCounts, type SpecField, type TableColumn } from "./table-check";
