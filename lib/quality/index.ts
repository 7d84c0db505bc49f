// The quality area's public entry for other areas (pure).
export type { QualityRunResult } from "./record-quality-run";
export { contractChecks, meets, qualityQuery, type ContractCheck, type ContractChecks } from "./contract-rules";
export {
  checkAggregates,
  countsFrom,
  matchColumns,
  metricsFromTotals,
  poolDatasets,
  type SpecField,
  type TableColumn,
  type TableCounts,
} from "./table-check";
export { qualityDatasets, type QualityDataset } from "./datasets";
export { datasetsBelow, type DatasetMetrics } from "./quality-failures";
