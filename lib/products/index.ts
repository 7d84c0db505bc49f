// The products area's public entry for other areas (pure, safe in client bundles): the spec's types and
// vocabularies, the platform's reserved column names, lifecycle move types and product paths.
export type { TemplateDto } from "./blank-spec";
export { identifierPart, isReservedColumnName, LOADED_AT, PLATFORM_COLUMNS, ROW_ID } from "./db-identifiers";
export { productPath, type ProductDetail, type ProductEntry, type ProductSummary } from "./dto";
export type { MoveDetails, MovingProduct } from "./lifecycle";
export {
  CLASSIFICATIONS,
  PERMISSIONS,
  type AccessGrant,
  type Classification,
  type DataProductSpec,
  type FieldType,
  type GovernanceDeclarations,
  type LifecycleState,
  type Permission,
  type ProductField,
  type ServiceLevelObjectives,
} from "./types";
export { exportContract, exportContractYaml, exportOdps, exportOdpsYaml, type ExportSource } from "./contract/export";
export { normalizeContract } from "./contract/normalize";
export { projectDatasets, type ImportNote } from "./contract/project";
export type { DatasetRow, OdcsContract, OdcsProperty, OdcsQualityRule, OdcsSchemaObject, PropertyRow } from "./contract/types";
export { IMPORT_TOO_LARGE_FIELD, MAX_BATCH_BYTES, MAX_BATCH_DOCUMENTS, MAX_IMPORT_BYTES, documentBytes } from "./import-limits";
