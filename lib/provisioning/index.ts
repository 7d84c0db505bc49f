// The provisioning area's public entry for other areas (pure, server-side: names are hashed with
// node:crypto): provisioned names and table design. Reading an owned product: `@/lib/provisioning/server`.
export { qualified, quoteIdent, quoteLiteral, type EnvironmentName } from "./naming";
export { loginGrantStatements, maskedViewNameFor, MASK } from "./masking";
export { datasetRelations, pickDataset, requestDatasets, requestedDataset, type DatasetRelations } from "./datasets";
export { PG_TYPES, primaryKeyFor } from "./table-design";
export { computeGrants, type RoleGrant } from "./grants";
export { columnTypeFor, postgresTypeFor } from "./physical-types";
export type { DeploymentResources, ProvisionRequest } from "./types";
export { DATA_FORMATS, FILTER_OPS, MAX_PAGE_ROWS, MAX_STREAM_ROWS, parseDataQuery, type DataFormat, type DataQuery } from "./data-query";
