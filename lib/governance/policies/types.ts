// Federated governance model: the seed's global `kind: DataGovernancePolicy` and the per-domain
// policies of its DomainGovernance class, in canonical (already validated and normalised) form.
//
// Keys stay snake_case, exactly as in the YAML, because locked paths, provenance paths and the YAML
// all name the same keys; a camelCase model would need a mapping table that could drift.
import type { Classification, Permission } from "@/lib/products";

export const ENCRYPTION_MODES = ["required", "optional"] as const;
export type EncryptionMode = (typeof ENCRYPTION_MODES)[number];

export const ENFORCEMENT_LEVELS = ["warning", "error"] as const;
export type Enforcement = (typeof ENFORCEMENT_LEVELS)[number];

export const REGULATIONS = ["gdpr", "ccpa", "hipaa", "sox", "pci_dss", "lgpd", "pipeda"] as const;
export type Regulation = (typeof REGULATIONS)[number];

export const QUALITY_METRICS = ["completeness", "accuracy", "consistency", "validity", "uniqueness", "timeliness"] as const;
export type QualityMetric = (typeof QUALITY_METRICS)[number];

/**
 * The seed's domain policies write `access_control: role_based | attribute_based | strict_role_based`,
 * which collides with the global `access_control` role table. The two are different things, so the
 * model calls the domain one `access_model` (its YAML key stays `access_control`, see schema.ts).
 */
export const ACCESS_MODELS = ["role_based", "attribute_based", "strict_role_based"] as const;
export type AccessModel = (typeof ACCESS_MODELS)[number];

export type ClassificationRule = {
  level: Classification;
  description: string;
  encryption: EncryptionMode;
  retention: string; // duration, retention units (see lib/duration.ts)
};

/**
 * Who decides a grant to a level the role does not read outright: the product's owners, or its owners and
 * then governance (two steps). A level neither in `data_access` nor in `grants` can never be granted.
 */
export const GRANT_APPROVALS = ["owner", "owner_and_governance"] as const;
export type GrantApproval = (typeof GRANT_APPROVALS)[number];

/** A level a role may be granted by approval, and how long such a grant may last at most. */
export type GrantRule = {
  level: Classification;
  approval: GrantApproval;
  max_duration: string; // duration in days, weeks, months or years (lib/duration.ts)
};

export type AccessRule = {
  role: string;
  permissions: Permission[];
  /** Levels the role reads outright. */
  data_access: Classification[];
  /** Levels the role may read only through an approved, expiring grant. */
  grants?: GrantRule[];
};

export type QualityRule = {
  metric: QualityMetric;
  threshold: number; // percent 0..100 (YAML may say "95%")
  enforcement: Enforcement;
};

export type ComplianceRule = {
  regulation: Regulation;
  /** Obligation name → applies. The YAML writes this as a list of single-key maps. */
  requirements: Record<string, boolean>;
};

/** A domain's quality bar: percentages per metric, plus freshness and (optional) availability. */
export type QualityRequirements = Partial<Record<QualityMetric, number>> & {
  freshness?: string; // duration, freshness units
  availability?: number; // percent; the floor for a product's SLO availability
};
export const QUALITY_REQUIREMENT_KEYS = [...QUALITY_METRICS, "freshness", "availability"] as const;
export type QualityRequirementKey = (typeof QUALITY_REQUIREMENT_KEYS)[number];

/**
 * Top-level policy keys in merge order. Every key can be set globally and (unless locked) by a
 * domain; `quality_requirements` is the only map, so it is the only key merged one level deep.
 */
export const POLICY_KEYS = [
  "data_classification",
  "access_control",
  "data_quality",
  "compliance",
  "data_retention",
  "access_model",
  "quality_requirements",
] as const;
export type PolicyKey = (typeof POLICY_KEYS)[number];
export const MAP_POLICY_KEYS = ["quality_requirements"] as const;

/** The values that take part in merging, keyed by policy key. */
export type PolicyValues = {
  data_classification: ClassificationRule[];
  access_control: AccessRule[];
  data_quality: QualityRule[];
  compliance: ComplianceRule[];
  data_retention?: string; // overrides every level's retention for the domain's products
  access_model?: AccessModel; // absent means role_based
  quality_requirements?: QualityRequirements;
};

/**
 * The global policy (the seed's `spec`), plus the federation controls:
 * - `locked`: policy paths domains may not override: a top-level key ("access_control") or one
 *   entry of a map key ("quality_requirements.accuracy"). Locking a key locks all its entries.
 *   The merge keeps the global value for a locked path (even when the global leaves it unset) and
 *   `overrideViolations` reports every domain value that tried to change it.
 * - `domain_overrides_allowed`: master switch (default true). When false, domains may not change any
 *   value the global policy sets (as if all of them were locked), but may still fill in values the
 *   global leaves unset, such as their own data_retention or freshness.
 * A domain admin may edit a path exactly when `canDomainOverride(global, path)` (merge.ts) says so;
 * that per-path answer is what an editing UI should use to enable or disable a field.
 */
export type GlobalPolicy = PolicyValues & {
  locked: string[];
  domain_overrides_allowed: boolean;
};

/** Keys a domain may override beyond its own (data_retention, access model, quality bar). */
export type PolicyOverrides = Partial<Pick<PolicyValues, "data_classification" | "access_control" | "data_quality" | "compliance">>;

/** One domain's policy (the seed's DomainGovernance.load_domain_policies entry). */
export type DomainPolicy = {
  domain: string; // domain slug, e.g. "sales" (YAML namespace "sales-domain")
  data_retention?: string;
  access_model?: AccessModel;
  quality_requirements?: QualityRequirements;
  overrides?: PolicyOverrides;
};

export type GlobalPolicyDocument = {
  apiVersion: "v1";
  kind: "DataGovernancePolicy";
  metadata: { name: string };
  spec: GlobalPolicy;
};

export type DomainPolicyDocument = {
  apiVersion: "v1";
  kind: "DomainGovernancePolicy";
  metadata: { name: string; namespace: string };
  spec: Omit<DomainPolicy, "domain">;
};

export type PolicySource = "global" | "domain";

/** Global policy with one domain's policy applied (merge.ts). */
export type EffectivePolicy = PolicyValues & {
  domain: string | null;
  /** Where each provenance path's value comes from, e.g. sources["quality_requirements.accuracy"]. */
  sources: Record<string, PolicySource>;
};

/** One row of the "where does this value come from" table. */
export type ProvenanceEntry = {
  path: string; // "access_control", "quality_requirements.freshness"
  value: unknown; // effective value (undefined when a locked path is unset globally)
  source: PolicySource;
  overrides?: { value: unknown; source: PolicySource }; // the global value a domain value replaced
  rejected?: { value: unknown; source: PolicySource }; // a domain value ignored because the path is locked
  locked: boolean;
};

/** A problem in a policy document, with the YAML line when it came from YAML. */
export type PolicyIssue = { path: string; message: string; line?: number; column?: number };

// The stored global policy's fixed name. Policies are read where they are used (queries.db.ts,
// preview-impact.db.ts, update-policy.db.ts), each selecting only the columns it needs.
export const GLOBAL_POLICY_NAME = "global-data-governance";
