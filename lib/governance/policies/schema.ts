// Zod schemas for governance policies. They accept the wire shape (the seed's YAML, or JSON of the
// same shape) and output the canonical types of ./types. Canonical values parse to themselves, so
// anything stored after parsing can be re-validated with the same schema.
//
// Wire conveniences accepted here: thresholds as "95%" strings, compliance requirements as the seed's
// list of single-key maps, and a domain's access model under the seed's key `access_control`.
import { z } from "zod";
import { DOMAIN_SLUG } from "@/lib/validation/slug";
import { CLASSIFICATIONS, PERMISSIONS } from "@/lib/products";
import { durationError, FRESHNESS_UNITS, isDuration, RETENTION_UNITS, type DurationUnit } from "@/lib/duration";
import {
  ACCESS_MODELS,
  ENCRYPTION_MODES,
  ENFORCEMENT_LEVELS,
  GRANT_APPROVALS,
  MAP_POLICY_KEYS,
  POLICY_KEYS,
  QUALITY_METRICS,
  QUALITY_REQUIREMENT_KEYS,
  REGULATIONS,
  type DomainPolicy,
  type DomainPolicyDocument,
  type GlobalPolicy,
  type GlobalPolicyDocument,
  type PolicyIssue,
  type PolicyValues,
} from "./types";

const SLUG = DOMAIN_SLUG;
const ROLE_NAME = /^[a-z][a-z0-9]*(?:[_-][a-z0-9]+)*$/;
const REQUIREMENT_NAME = /^[a-z][a-z0-9_]*$/;
const PERCENT_TEXT = /^\s*(-?\d+(?:\.\d+)?)\s*%\s*$/;

/** Paths a global policy may lock: every key, and every entry of a map key. */
export const LOCKABLE_PATHS: readonly string[] = [
  ...POLICY_KEYS,
  ...MAP_POLICY_KEYS.flatMap((key) => QUALITY_REQUIREMENT_KEYS.map((entry) => `${key}.${entry}`)),
];

function show(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "string") return `"${value}"`;
  if (value === null || typeof value !== "object") return String(value);
  return Array.isArray(value) ? "a list" : "an object";
}

function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, {
    error: (iss) => (iss.input === undefined ? "is required" : `must be one of ${values.join(", ")} (got ${show(iss.input)})`),
  });
}

function text(pattern: RegExp, what: string) {
  return z
    .string({ error: (iss) => (iss.input === undefined ? "is required" : `must be a string (got ${show(iss.input)})`) })
    .regex(pattern, { error: (iss) => `must be ${what} (got ${show(iss.input)})` });
}

function duration(units: readonly DurationUnit[]) {
  return z.custom<string>((v) => isDuration(v, units), {
    error: (iss) => (iss.input === undefined ? "is required" : (durationError(iss.input, units) ?? "is not a duration")),
  });
}

/** Percent 0..100; "95%" and "95" strings become 95 so YAML can keep the seed's spelling. */
const percent = z.preprocess(
  (v) => {
    if (typeof v !== "string") return v;
    const m = PERCENT_TEXT.exec(v) ?? /^\s*(-?\d+(?:\.\d+)?)\s*$/.exec(v);
    return m ? Number(m[1]) : v;
  },
  z
    .number({
      error: (iss) => (iss.input === undefined ? "is required" : `must be a percentage like 95 or "95%" (got ${show(iss.input)})`),
    })
    .min(0, { error: (iss) => `must be a percentage between 0 and 100 (got ${show(iss.input)})` })
    .max(100, { error: (iss) => `must be a percentage between 0 and 100 (got ${show(iss.input)})` }),
);

export const retentionSchema = duration(RETENTION_UNITS);
export const freshnessSchema = duration(FRESHNESS_UNITS);
export const domainSlugSchema = text(SLUG, "a lowercase domain slug like sales or customer-success");

export const classificationRuleSchema = z.strictObject({
  level: oneOf(CLASSIFICATIONS),
  description: z.string().default(""),
  encryption: oneOf(ENCRYPTION_MODES),
  retention: retentionSchema,
});

export const grantRuleSchema = z.strictObject({
  level: oneOf(CLASSIFICATIONS),
  approval: oneOf(GRANT_APPROVALS),
  max_duration: duration(RETENTION_UNITS),
});

export const accessRuleSchema = z
  .strictObject({
    role: text(ROLE_NAME, "a role name like data_consumer"),
    permissions: z.array(oneOf(PERMISSIONS)).min(1, { error: "must grant at least one permission" }),
    data_access: z.array(oneOf(CLASSIFICATIONS)).default([]),
    grants: z.array(grantRuleSchema).optional(),
  })
  // An empty grant list says nothing: drop it, so "no grants" has one canonical form.
  .transform(({ grants, ...rule }) => (grants && grants.length > 0 ? { ...rule, grants } : rule));

export const qualityRuleSchema = z.strictObject({
  metric: oneOf(QUALITY_METRICS),
  threshold: percent,
  enforcement: oneOf(ENFORCEMENT_LEVELS).default("warning"),
});

/** `- data_minimization: true` list items (seed) or a plain map; both become one map. */
const requirementsSchema = z.unknown().transform((input, ctx): Record<string, boolean> => {
  const out: Record<string, boolean> = {};
  const add = (name: string, value: unknown, path: PropertyKey[]) => {
    if (!REQUIREMENT_NAME.test(name))
      ctx.addIssue({ code: "custom", path, message: `"${name}" is not a requirement name like right_to_erasure` });
    else if (typeof value !== "boolean")
      ctx.addIssue({ code: "custom", path: [...path, name], message: `must be true or false (got ${show(value)})` });
    else if (name in out) ctx.addIssue({ code: "custom", path, message: `requirement "${name}" is listed twice` });
    else out[name] = value;
  };
  if (Array.isArray(input)) {
    input.forEach((item, i) => {
      const entries = item !== null && typeof item === "object" && !Array.isArray(item) ? Object.entries(item) : [];
      if (entries.length !== 1) {
        ctx.addIssue({
          code: "custom",
          path: [i],
          message: `each requirement must be a single "name: true|false" entry (got ${show(item)})`,
        });
      } else add(entries[0][0], entries[0][1], [i]);
    });
  } else if (input !== null && typeof input === "object") {
    for (const [name, value] of Object.entries(input)) add(name, value, []);
  } else {
    ctx.addIssue({
      code: "custom",
      message: input === undefined ? "is required" : `must be a list of "name: true|false" entries (got ${show(input)})`,
    });
  }
  return out;
});

export const complianceRuleSchema = z.strictObject({
  regulation: oneOf(REGULATIONS),
  requirements: requirementsSchema,
});

export const qualityRequirementsSchema = z.strictObject({
  ...Object.fromEntries(QUALITY_METRICS.map((m) => [m, percent.optional()])),
  freshness: freshnessSchema.optional(),
  availability: percent.optional(),
} as Record<(typeof QUALITY_METRICS)[number], z.ZodOptional<typeof percent>> & {
  freshness: z.ZodOptional<typeof freshnessSchema>;
  availability: z.ZodOptional<typeof percent>;
});

type Ctx = z.RefinementCtx;

function duplicates<T>(items: readonly T[], key: (item: T) => string, ctx: Ctx, path: (i: number) => PropertyKey[], what: string) {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const k = key(item);
    if (seen.has(k)) ctx.addIssue({ code: "custom", path: path(i), message: `${what} "${k}" is defined twice` });
    seen.add(k);
  });
}

/**
 * Consistency inside one set of policy values. `levels` is the classification vocabulary that
 * data_access may use; omitted when these values do not define it (a domain override of
 * access_control alone is checked against the global levels by checkDomainAgainstGlobal).
 */
function checkValues(values: Partial<PolicyValues>, ctx: Ctx, prefix: PropertyKey[]) {
  const levelsDefined = values.data_classification?.map((c) => c.level);
  if (values.data_classification) {
    duplicates(
      values.data_classification,
      (c) => c.level,
      ctx,
      (i) => [...prefix, "data_classification", i, "level"],
      "level",
    );
  }
  (values.access_control ?? []).forEach((rule, i) => {
    duplicates(
      rule.permissions,
      (p) => p,
      ctx,
      (j) => [...prefix, "access_control", i, "permissions", j],
      "permission",
    );
    duplicates(
      rule.data_access,
      (l) => l,
      ctx,
      (j) => [...prefix, "access_control", i, "data_access", j],
      "level",
    );
    (rule.grants ?? []).forEach((g, j) => {
      const path = [...prefix, "access_control", i, "grants", j, "level"];
      if (rule.data_access.includes(g.level))
        ctx.addIssue({ code: "custom", path, message: `${rule.role} already reads ${g.level} data outright; a grant adds nothing` });
      else if (!rule.permissions.includes("read"))
        ctx.addIssue({
          code: "custom",
          path,
          message: `${rule.role} has no read permission, so a grant to read ${g.level} data means nothing`,
        });
      else if (levelsDefined && !levelsDefined.includes(g.level))
        ctx.addIssue({
          code: "custom",
          path,
          message: `level "${g.level}" is not defined in data_classification (defined: ${levelsDefined.join(", ")})`,
        });
    });
    duplicates(
      rule.grants ?? [],
      (g) => g.level,
      ctx,
      (j) => [...prefix, "access_control", i, "grants", j, "level"],
      "grant level",
    );
    if (!levelsDefined) return;
    rule.data_access.forEach((level, j) => {
      if (!levelsDefined.includes(level)) {
        ctx.addIssue({
          code: "custom",
          path: [...prefix, "access_control", i, "data_access", j],
          message: `level "${level}" is not defined in data_classification (defined: ${levelsDefined.join(", ")})`,
        });
      }
    });
  });
  if (values.access_control)
    duplicates(
      values.access_control,
      (r) => r.role,
      ctx,
      (i) => [...prefix, "access_control", i, "role"],
      "role",
    );
  if (values.data_quality)
    duplicates(
      values.data_quality,
      (r) => r.metric,
      ctx,
      (i) => [...prefix, "data_quality", i, "metric"],
      "metric",
    );
  if (values.compliance)
    duplicates(
      values.compliance,
      (r) => r.regulation,
      ctx,
      (i) => [...prefix, "compliance", i, "regulation"],
      "regulation",
    );
}

export const globalPolicySchema = z
  .strictObject({
    data_classification: z.array(classificationRuleSchema).min(1, { error: "must define at least one classification level" }),
    access_control: z.array(accessRuleSchema).min(1, { error: "must define at least one role" }),
    data_quality: z.array(qualityRuleSchema).default([]),
    compliance: z.array(complianceRuleSchema).default([]),
    data_retention: retentionSchema.optional(),
    access_model: oneOf(ACCESS_MODELS).optional(),
    quality_requirements: qualityRequirementsSchema.optional(),
    // Checked per entry (not in the object refinement) so these errors show up together with field errors.
    locked: z
      .array(
        z.string().refine((path) => LOCKABLE_PATHS.includes(path), {
          error: (iss) =>
            `${show(iss.input)} is not a policy path; lockable paths are ${POLICY_KEYS.join(", ")} and quality_requirements.<${QUALITY_REQUIREMENT_KEYS.join("|")}>`,
        }),
      )
      .superRefine((paths, ctx) =>
        duplicates(
          paths,
          (p) => p,
          ctx,
          (i) => [i],
          "path",
        ),
      )
      .default([]),
    domain_overrides_allowed: z.boolean({ error: (iss) => `must be true or false (got ${show(iss.input)})` }).default(true),
  })
  // Cross-field checks; zod runs them once every field is valid.
  .superRefine((policy, ctx) => checkValues(policy, ctx, []));

export const policyOverridesSchema = z
  .strictObject({
    data_classification: z.array(classificationRuleSchema).min(1, { error: "must keep at least one classification level" }).optional(),
    access_control: z.array(accessRuleSchema).min(1, { error: "must keep at least one role" }).optional(),
    data_quality: z.array(qualityRuleSchema).optional(),
    compliance: z.array(complianceRuleSchema).optional(),
  })
  .superRefine((overrides, ctx) => checkValues(overrides, ctx, []));

const domainSpecShape = {
  data_retention: retentionSchema.optional(),
  // The seed's key; `access_model` is the canonical name and is accepted so canonical values re-parse.
  access_control: oneOf(ACCESS_MODELS).optional(),
  access_model: oneOf(ACCESS_MODELS).optional(),
  quality_requirements: qualityRequirementsSchema.optional(),
  overrides: policyOverridesSchema.optional(),
};

type DomainSpecWire = z.output<z.ZodObject<typeof domainSpecShape>>;

function canonicalDomainSpec(wire: DomainSpecWire, ctx: Ctx): Omit<DomainPolicy, "domain"> {
  if (wire.access_control && wire.access_model && wire.access_control !== wire.access_model) {
    ctx.addIssue({
      code: "custom",
      path: ["access_model"],
      message: "access_model and access_control name the same setting; give only one",
    });
  }
  const out: Omit<DomainPolicy, "domain"> = {};
  if (wire.data_retention !== undefined) out.data_retention = wire.data_retention;
  const model = wire.access_model ?? wire.access_control;
  if (model !== undefined) out.access_model = model;
  if (wire.quality_requirements !== undefined) out.quality_requirements = compact(wire.quality_requirements);
  if (wire.overrides !== undefined) out.overrides = compact(wire.overrides);
  return out;
}

/** The `spec` of a `kind: DomainGovernancePolicy` document. */
export const domainPolicySpecSchema = z.strictObject(domainSpecShape).transform(canonicalDomainSpec);

/** A domain policy as JSON, with its slug. */
export const domainPolicySchema = z
  .strictObject({ domain: domainSlugSchema, ...domainSpecShape })
  .transform(({ domain, ...wire }, ctx): DomainPolicy => ({ domain, ...canonicalDomainSpec(wire, ctx) }));

export const globalPolicyDocumentSchema = z.strictObject({
  apiVersion: z.literal("v1", { error: (iss) => `must be v1 (got ${show(iss.input)})` }),
  kind: z.literal("DataGovernancePolicy", { error: (iss) => `must be DataGovernancePolicy (got ${show(iss.input)})` }),
  metadata: z.strictObject({ name: text(SLUG, "a lowercase name like global-data-governance") }),
  spec: globalPolicySchema,
});

export const domainPolicyDocumentSchema = z.strictObject({
  apiVersion: z.literal("v1", { error: (iss) => `must be v1 (got ${show(iss.input)})` }),
  kind: z.literal("DomainGovernancePolicy", { error: (iss) => `must be DomainGovernancePolicy (got ${show(iss.input)})` }),
  metadata: z.strictObject({
    name: text(SLUG, "a lowercase name like sales-governance"),
    namespace: text(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?-domain$/, `the domain's namespace, "<domain>-domain" like sales-domain`),
  }),
  spec: domainPolicySpecSchema,
});

/** "sales-domain" → "sales". */
export function domainSlugFromNamespace(namespace: string): string {
  return namespace.replace(/-domain$/, "");
}

/**
 * Checks a domain policy against the global policy it federates under. Domains may tune roles but
 * not invent them: role names are the organisation's vocabulary, shared with the identity provider.
 * Paths are relative to the domain spec, e.g. "overrides.access_control[0].role".
 */
export function checkDomainAgainstGlobal(global: GlobalPolicy, domain: Omit<DomainPolicy, "domain">): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  const roles = global.access_control.map((r) => r.role);
  const levels = (domain.overrides?.data_classification ?? global.data_classification).map((c) => c.level);
  domain.overrides?.access_control?.forEach((rule, i) => {
    if (!roles.includes(rule.role)) {
      issues.push({
        path: `overrides.access_control[${i}].role`,
        message: `role "${rule.role}" is not defined in the global policy (defined: ${roles.join(", ")})`,
      });
    }
    rule.data_access.forEach((level, j) => {
      if (!levels.includes(level)) {
        issues.push({
          path: `overrides.access_control[${i}].data_access[${j}]`,
          message: `level "${level}" is not a classification level of this domain (defined: ${levels.join(", ")})`,
        });
      }
    });
  });
  return issues;
}

/** ["spec", "data_quality", 0, "threshold"] → "spec.data_quality[0].threshold". */
export function formatPath(segments: readonly PropertyKey[]): string {
  let out = "";
  for (const s of segments) {
    if (typeof s === "number") out += `[${s}]`;
    else out += out ? `.${String(s)}` : String(s);
  }
  return out;
}

/** Flattens zod issues into path + message pairs; an unknown key gets its own path so it can be located. */
export function issuesFromZod(error: z.ZodError, prefix: readonly PropertyKey[] = []): PolicyIssue[] {
  return error.issues.flatMap((issue) => {
    const base = [...prefix, ...issue.path];
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ path: formatPath([...base, key]), message: `unknown key "${key}"` }));
    }
    return [{ path: formatPath(base), message: issue.message }];
  });
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

// Compile-time proof that the schemas produce exactly the hand-written canonical types.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type SchemaTypeChecks = [
  Assert<Same<z.output<typeof globalPolicySchema>, GlobalPolicy>>,
  Assert<Same<z.output<typeof globalPolicyDocumentSchema>, GlobalPolicyDocument>>,
  Assert<Same<z.output<typeof domainPolicyDocumentSchema>, DomainPolicyDocument>>,
  Assert<Same<z.output<typeof domainPolicySchema>, DomainPolicy>>,
];
