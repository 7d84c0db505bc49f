// The product's contract: an Open Data Contract Standard v3.1.0 document, typed key by key as the official
// schema (lib/products/contract/standards/odcs-json-schema-v3.1.0.json) defines it. Every object keeps an
// index signature: a key this file does not name (a newer ODCS minor, a vendor extension the schema admits)
// is carried as it was declared, never dropped. What the portal adds of its own (lifecycle, owner of record,
// provisioning state, SLO targets it enforces) lives on the product row and in DataProductSpec, not here.

type Open = { [key: string]: unknown };

export type OdcsCustomProperty = Open & { id?: string; property: string; value: unknown; description?: string };
export type OdcsAuthoritativeDefinition = Open & { id?: string; url: string; type: string; description?: string };

/** A data quality rule: library metric, SQL, custom engine or free text (ODCS `DataQuality`). */
export type OdcsQualityRule = Open & {
  id?: string;
  name?: string;
  description?: string;
  type?: "library" | "text" | "sql" | "custom" | string;
  /** v3.1 library metric (nullValues, missingValues, invalidValues, duplicateValues, rowCount). */
  metric?: string;
  /** v3.0 spelling of `metric`. */
  rule?: string;
  arguments?: Open;
  query?: string;
  engine?: string;
  implementation?: unknown;
  dimension?: string;
  severity?: string;
  businessImpact?: string;
  unit?: string;
  schedule?: string;
  scheduler?: string;
  mustBe?: unknown;
  mustNotBe?: unknown;
  mustBeGreaterThan?: number;
  mustBeGreaterOrEqualTo?: number;
  mustBeLessThan?: number;
  mustBeLessOrEqualTo?: number;
  mustBeBetween?: [number, number];
  mustNotBeBetween?: [number, number];
  tags?: string[];
  customProperties?: OdcsCustomProperty[];
  authoritativeDefinitions?: OdcsAuthoritativeDefinition[];
};

/** A property of a schema object; objects nest through `properties`, arrays through `items`. */
export type OdcsProperty = Open & {
  id?: string;
  name: string;
  physicalType?: string;
  physicalName?: string;
  description?: string;
  businessName?: string;
  logicalType?: "string" | "date" | "timestamp" | "time" | "number" | "integer" | "object" | "array" | "boolean" | string;
  logicalTypeOptions?: Open;
  required?: boolean;
  unique?: boolean;
  primaryKey?: boolean;
  primaryKeyPosition?: number;
  partitioned?: boolean;
  partitionKeyPosition?: number;
  classification?: string;
  encryptedName?: string;
  criticalDataElement?: boolean;
  examples?: unknown[];
  tags?: string[];
  transformSourceObjects?: string[];
  transformLogic?: string;
  transformDescription?: string;
  authoritativeDefinitions?: OdcsAuthoritativeDefinition[];
  customProperties?: OdcsCustomProperty[];
  relationships?: Open[];
  quality?: OdcsQualityRule[];
  properties?: OdcsProperty[];
  items?: OdcsItems;
};

/** The element type of an array property (no name of its own). */
export type OdcsItems = Omit<OdcsProperty, "name"> & { name?: string };

/** A dataset: a table, view, topic, file … (ODCS `SchemaObject`). */
export type OdcsSchemaObject = Open & {
  id?: string;
  name: string;
  physicalName?: string;
  physicalType?: string;
  logicalType?: "object" | string;
  description?: string;
  businessName?: string;
  dataGranularityDescription?: string;
  tags?: string[];
  authoritativeDefinitions?: OdcsAuthoritativeDefinition[];
  customProperties?: OdcsCustomProperty[];
  relationships?: Open[];
  quality?: OdcsQualityRule[];
  properties?: OdcsProperty[];
};

export type OdcsServer = Open & { id?: string; server: string; type: string; description?: string; environment?: string };
export type OdcsTeamMember = Open & {
  id?: string;
  username: string;
  name?: string;
  description?: string;
  role?: string;
  dateIn?: string;
  dateOut?: string;
  replacedByUsername?: string;
};
export type OdcsTeam = Open & { id?: string; name?: string; description?: string; members?: OdcsTeamMember[] };
export type OdcsRole = Open & { id?: string; role: string; description?: string; access?: string };
export type OdcsSlaProperty = Open & {
  id?: string;
  property: string;
  value: unknown;
  valueExt?: unknown;
  unit?: string;
  element?: string;
  driver?: string;
  description?: string;
  scheduler?: string;
  schedule?: string;
};
export type OdcsSupportItem = Open & { id?: string; channel: string; url?: string; description?: string; tool?: string; scope?: string };
export type OdcsPrice = Open & { priceAmount?: number; priceCurrency?: string; priceUnit?: string };
export type OdcsDescription = Open & {
  purpose?: string;
  usage?: string;
  limitations?: string;
  authoritativeDefinitions?: OdcsAuthoritativeDefinition[];
  customProperties?: OdcsCustomProperty[];
};

/** A whole ODCS v3.1.0 contract, as stored on the product version and exported. */
export type OdcsContract = Open & {
  apiVersion: "v3.1.0";
  kind: "DataContract";
  id: string;
  version: string;
  status: string;
  name?: string;
  tenant?: string;
  domain?: string;
  /** Deprecated in the schema since 2026-05 but still valid: kept as declared. */
  dataProduct?: string;
  description?: OdcsDescription;
  schema?: OdcsSchemaObject[];
  servers?: OdcsServer[];
  /** v3.1 object form; the v3.0 list form is normalised into `{ members }` on import. */
  team?: OdcsTeam;
  roles?: OdcsRole[];
  slaDefaultElement?: string;
  slaProperties?: OdcsSlaProperty[];
  support?: OdcsSupportItem[];
  price?: OdcsPrice;
  tags?: string[];
  authoritativeDefinitions?: OdcsAuthoritativeDefinition[];
  customProperties?: OdcsCustomProperty[];
  contractCreatedTs?: string;
};

/** One dataset of a product as the catalog and provisioning read it (a row of data_product_datasets). */
export type DatasetRow = {
  position: number;
  name: string;
  physicalName: string | null;
  physicalType: string | null;
  description: string;
  propertyCount: number;
};

/** One property at any depth (a row of data_product_properties); `path` is `customer.address.city`, `tags[]`. */
export type PropertyRow = {
  datasetPosition: number;
  position: number;
  path: string;
  depth: number;
  name: string;
  logicalType: string | null;
  physicalType: string | null;
  required: boolean;
  unique: boolean;
  primaryKey: boolean;
  classification: string | null;
  pii: boolean;
  criticalDataElement: boolean;
  description: string;
};
