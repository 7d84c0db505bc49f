// The data product specification: the portal's canonical, storage-neutral model of the seed's
// `kind: DataProduct` document. Every importer produces it and every exporter consumes it.

export const FIELD_TYPES = ["string", "integer", "number", "boolean", "date", "timestamp", "json"] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const CLASSIFICATIONS = ["public", "internal", "confidential", "restricted"] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

export const PERMISSIONS = ["read", "write", "delete", "manage"] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const LIFECYCLE_STATES = ["draft", "in_review", "published", "deprecated", "retired"] as const;
export type LifecycleState = (typeof LIFECYCLE_STATES)[number];

export type ProductField = {
  name: string; // snake_case column-like identifier
  type: FieldType;
  description: string;
  required: boolean;
  pii: boolean;
  /** From a declared contract: the physical type as declared (`DECIMAL(10,2)`), used where PostgreSQL has it. */
  physicalType?: string;
  /** From a declared contract: part of the primary key (in field order), or unique. */
  primaryKey?: boolean;
  unique?: boolean;
};

export type ServiceLevelObjectives = {
  availability: number; // percent, e.g. 99.9
  latencyMs: number; // "< 100ms"
  freshnessMinutes: number; // "< 1 hour" = 60
};

export type AccessGrant = { role: string; permissions: Permission[] };

/** A column of the upstream dataset feeding a field of this product (`to`, the same name when omitted). */
export type LineageFieldMap = { from: string; to?: string };

/**
 * Where the product's data comes from (lib/products/lineage-source.ts). A plain string is the seed format's free
 * text: an upstream product when it is an existing product's `domain/name`, else an external system.
 */
export type LineageSource =
  | string
  | { product: string; dataset?: string; fields?: LineageFieldMap[]; transformation?: string }
  | { system: string; transformation?: string };

export type Lineage = { sources: LineageSource[]; transformations: string[] };

/** Optional governance declarations a policy may require (encryption, retention, GDPR purpose, erasure). */
export type GovernanceDeclarations = {
  encryption?: boolean;
  retention?: string; // e.g. "3_years", "6_months", "90_days"
  purpose?: string; // processing purpose, for PII under GDPR
  erasure?: boolean; // right-to-erasure supported
};

export type DataProductSpec = {
  name: string; // lowercase DNS label, unique within the domain
  domain: string; // domain slug; the YAML namespace is `${domain}-domain`
  owner: string; // owner email or team address
  version: string; // semver
  description: string;
  classification: Classification;
  schema: ProductField[];
  slo: ServiceLevelObjectives;
  access: AccessGrant[];
  lineage: Lineage;
  tags: string[];
  governance?: GovernanceDeclarations;
  template?: { key: string; version: number };
};
