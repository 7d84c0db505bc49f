// Validation of a DataProductSpec, shared by the registration form (client) and every server entry point
// (form action, YAML and ODCS import). Messages are shown to users as they are, so they are plain words.
import { z } from "zod";
import { isDuration, RETENTION_UNITS } from "@/lib/duration";
import { identifierPart, isReservedColumnName } from "@/lib/products/db-identifiers";
import { isValidSemver } from "@/lib/products/semver";
import { CLASSIFICATIONS, FIELD_TYPES, PERMISSIONS } from "@/lib/products/types";
import { SLUG_MAX_LENGTH, SLUG_PATTERN } from "@/lib/validation/slug";
import type { DataProductSpec } from "@/lib/products/types";
import { json, number, optionalText, splitList } from "@/lib/validation/form-data";
import { DATASET_NAME, PRODUCT_REF, splitSourceLines } from "@/lib/products/lineage-source";

const FIELD_NAME = /^[a-z_][a-z0-9_]*$/; // fields become PostgreSQL columns: unquoted, lowercase identifiers
const ROLE_NAME = /^[a-z][a-z0-9_-]*$/;
const TAG = /^[a-z0-9][a-z0-9_-]*$/;
// Lineage entries travel through a comma/newline separated form input, so they cannot contain either.
const LINEAGE_ENTRY = /^[^,\r\n]+$/;
const TEMPLATE_KEY = /^[a-z][a-z0-9_-]*$/;

type Issue = { code: string; input?: unknown };

// Says "is required" for a missing value and "must be …" for a value of the wrong kind.
function kind(label: string, expected: string, plural = false) {
  return (issue: Issue) => (issue.input == null ? `${label} ${plural ? "are" : "is"} required` : `${label} must be ${expected}`);
}

function text(label: string) {
  return z.string({ error: kind(label, "text") });
}

function dnsLabel(label: string) {
  return text(label)
    .min(1, { error: `${label} is required`, abort: true })
    .max(SLUG_MAX_LENGTH, `${label} must be at most ${SLUG_MAX_LENGTH} characters`)
    .regex(SLUG_PATTERN, `${label} may only use lowercase letters, digits and hyphens, and must start and end with a letter or digit`);
}

function nonBlank(value: string) {
  return value.trim().length > 0;
}

function list<T extends z.ZodType>(label: string, item: T, plural = false) {
  return z.array(item, { error: kind(label, "a list", plural) });
}

// Reports each repeat of a key on the repeated item itself, so a form can mark the exact row. It also runs
// when some rows are invalid (`when`), so a user sees every problem at once; hence the defensive key read.
function unique(subKey: string | null, message: (value: string) => string) {
  const check = (items: unknown[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const value = subKey === null ? item : (item as Record<string, unknown> | null)?.[subKey];
      if (typeof value !== "string") return;
      if (seen.has(value)) {
        ctx.addIssue({ code: "custom", message: message(value), path: subKey === null ? [index] : [index, subKey] });
      }
      seen.add(value);
    });
  };
  return [check, { when: (payload: { value: unknown }) => Array.isArray(payload.value) }] as const;
}

// Access roles become database roles through identifierPart (`data-producer` → `data_producer`), so two
// spellings of one role would share a database role and the later grant would silently replace the
// earlier. Reported on the later entry, naming both.
function sameDatabaseRole() {
  const check = (items: unknown[], ctx: z.RefinementCtx) => {
    const first = new Map<string, string>();
    items.forEach((item, index) => {
      const role = (item as Record<string, unknown> | null)?.role;
      // A malformed role already has its own message.
      if (typeof role !== "string" || !ROLE_NAME.test(role)) return;
      const mapped = identifierPart(role);
      const earlier = first.get(mapped);
      if (earlier === undefined) first.set(mapped, role);
      else if (earlier !== role) {
        ctx.addIssue({
          code: "custom",
          message: `Roles ${earlier} and ${role} would be the same database role (${mapped}); use one spelling`,
          path: [index, "role"],
        });
      }
    });
  };
  return [check, { when: (payload: { value: unknown }) => Array.isArray(payload.value) }] as const;
}

export const productFieldSchema = z.object({
  name: text("Field name")
    .min(1, { error: "Field name is required", abort: true })
    .max(63, "Field name must be at most 63 characters")
    .regex(FIELD_NAME, "Field name may only use lowercase letters, digits and underscores, and must not start with a digit")
    .refine((name) => !isReservedColumnName(name), {
      error: (issue) => `Field name ${String(issue.input)} is reserved: every table already has a column of that name; choose another`,
    }),
  type: z.enum(FIELD_TYPES, { error: kind("Field type", `one of ${FIELD_TYPES.join(", ")}`) }),
  description: text("Field description").max(500, "Field description must be at most 500 characters"),
  required: z.boolean({ error: kind("Required", "yes or no (true or false)") }),
  pii: z.boolean({ error: kind("Personal data (PII)", "yes or no (true or false)") }),
  physicalType: text("Physical type").max(200, "Physical type must be at most 200 characters").optional(),
  primaryKey: z.boolean({ error: kind("Primary key", "yes or no (true or false)") }).optional(),
  unique: z.boolean({ error: kind("Unique", "yes or no (true or false)") }).optional(),
});

export const sloSchema = z.object(
  {
    availability: z
      .number({ error: kind("Availability", "a number") })
      .min(0, "Availability must be between 0 and 100 percent")
      .max(100, "Availability must be between 0 and 100 percent"),
    latencyMs: z.int({ error: kind("Latency", "a whole number of milliseconds") }).positive("Latency must be more than 0 milliseconds"),
    freshnessMinutes: z.int({ error: kind("Freshness", "a whole number of minutes") }).positive("Freshness must be more than 0 minutes"),
  },
  { error: kind("Service levels", "an object with availability, latency and freshness", true) },
);

export const accessGrantSchema = z.object({
  role: text("Role")
    .min(1, { error: "Role is required", abort: true })
    .max(63, "Role must be at most 63 characters")
    .regex(ROLE_NAME, "Role may only use lowercase letters, digits, hyphens and underscores, and must start with a letter"),
  permissions: list("Permissions", z.enum(PERMISSIONS, { error: `Permissions may only be ${PERMISSIONS.join(", ")}` }), true)
    .min(1, "Choose at least one permission")
    .superRefine(...unique(null, (p) => `Permission ${p} is listed twice`)),
});

const lineageEntry = text("Lineage entry")
  .min(1, { error: "Lineage entries cannot be empty", abort: true })
  .max(200, "Lineage entries must be at most 200 characters")
  .regex(LINEAGE_ENTRY, "Lineage entries cannot contain commas or line breaks")
  .refine((value) => value === value.trim(), "Lineage entries cannot start or end with spaces");

function fieldName(label: string) {
  return text(label)
    .max(63, `${label} must be at most 63 characters`)
    .regex(FIELD_NAME, `${label} may only use lowercase letters, digits and underscores, and must not start with a digit`);
}

const edgeTransformation = text("Transformation")
  .max(500, "A source's transformation must be at most 500 characters")
  .refine(nonBlank, "A source's transformation cannot be blank");

const productSource = z.object({
  product: text("Upstream product").regex(PRODUCT_REF, "Upstream product must be written domain/name, e.g. finance/invoices"),
  dataset: text("Upstream dataset")
    .regex(DATASET_NAME, "Upstream dataset may only use letters, digits, underscores and hyphens")
    .optional(),
  fields: z
    .array(z.object({ from: fieldName("Upstream field"), to: fieldName("Field").optional() }), {
      error: kind("Source fields", "a list of { from, to } field names", true),
    })
    .max(200, "Map at most 200 fields per source")
    .optional(),
  transformation: edgeTransformation.optional(),
});

const systemSource = z.object({
  system: lineageEntry,
  transformation: edgeTransformation.optional(),
});

// A plain string first, so the seed format's free text keeps its messages.
const lineageSource = z.union([lineageEntry, productSource, systemSource], {
  error: "A lineage source is text, { product: domain/name, dataset?, fields?, transformation? } or { system, transformation? }",
});

export const lineageSchema = z.object(
  {
    sources: list("Lineage sources", lineageSource, true).max(100, "List at most 100 lineage sources"),
    transformations: list("Lineage transformations", lineageEntry, true).max(100, "List at most 100 transformations"),
  },
  { error: kind("Lineage", "an object with sources and transformations") },
);

export const governanceSchema = z.object(
  {
    encryption: z.boolean({ error: kind("Encryption", "yes or no (true or false)") }).optional(),
    // Same spelling as the governance policies' retention, so a policy can compare the two.
    retention: text("Retention")
      .refine((value) => isDuration(value, RETENTION_UNITS), "Retention must look like 90_days, 6_months or 3_years")
      .optional(),
    purpose: text("Processing purpose")
      .max(500, "Processing purpose must be at most 500 characters")
      .refine(nonBlank, "Processing purpose cannot be blank")
      .optional(),
    erasure: z.boolean({ error: kind("Erasure", "yes or no (true or false)") }).optional(),
  },
  { error: kind("Governance", "an object") },
);

export const templateRefSchema = z.object(
  {
    key: text("Template key")
      .max(63, "Template key must be at most 63 characters")
      .regex(TEMPLATE_KEY, "Template key may only use lowercase letters, digits, hyphens and underscores"),
    version: z.int({ error: kind("Template version", "a whole number") }).positive("Template version must be 1 or more"),
  },
  { error: kind("Template", "an object with key and version") },
);

const tag = text("Tag")
  .max(50, "Tags must be at most 50 characters")
  .regex(TAG, "Tags may only use lowercase letters, digits, hyphens and underscores");

const fieldList = list("Schema", productFieldSchema)
  .max(500, "A product can have at most 500 fields")
  .superRefine(...unique("name", (name) => `Field name ${name} is used more than once`));

export const productSpecSchema = z.object({
  name: dnsLabel("Name"),
  domain: dnsLabel("Domain"),
  owner: z.email({ error: kind("Owner", "an email address like team@company.com") }),
  version: text("Version").refine(isValidSemver, "Version must look like 1.2.3 (or 1.2.3-beta.1 for a pre-release)"),
  description: text("Description").max(2000, "Description must be at most 2000 characters").refine(nonBlank, "Description is required"),
  classification: z.enum(CLASSIFICATIONS, { error: kind("Classification", `one of ${CLASSIFICATIONS.join(", ")}`) }),
  schema: fieldList.min(1, "Add at least one field"),
  slo: sloSchema,
  access: list("Access", accessGrantSchema)
    .superRefine(...unique("role", (role) => `Role ${role} is listed twice; put all its permissions in one entry`))
    .superRefine(...sameDatabaseRole()),
  lineage: lineageSchema,
  tags: list("Tags", tag, true)
    .max(20, "Use at most 20 tags")
    .superRefine(...unique(null, (tag) => `Tag ${tag} is listed twice`)),
  governance: governanceSchema.optional(),
  template: templateRefSchema.optional(),
}) satisfies z.ZodType<DataProductSpec>;

/**
 * A spec projected from a declared ODCS contract (lib/products/contract/project.ts): a contract may declare no
 * dataset yet (ODCS allows it), so its product may have no fields until one is added.
 */
export const contractSpecSchema = productSpecSchema.extend({ schema: fieldList }) satisfies z.ZodType<DataProductSpec>;

/**
 * Reads the registration form's encoding into an unvalidated spec-shaped object; parse it with
 * `productSpecSchema`. Optional hidden inputs `governanceJson` and `templateJson` carry those objects.
 */
export function formDataToSpec(formData: FormData): Record<string, unknown> {
  const spec: Record<string, unknown> = {
    name: optionalText(formData, "name", { trim: true }),
    domain: optionalText(formData, "domain", { trim: true }),
    owner: optionalText(formData, "owner", { trim: true }),
    version: optionalText(formData, "version", { trim: true }),
    description: optionalText(formData, "description", { trim: true }),
    classification: optionalText(formData, "classification", { trim: true }),
    schema: json(formData, "schemaJson") ?? [],
    slo: {
      availability: number(formData, "slo.availability"),
      latencyMs: number(formData, "slo.latencyMs"),
      freshnessMinutes: number(formData, "slo.freshnessMinutes"),
    },
    access: json(formData, "accessJson") ?? [],
    lineage: {
      sources: splitSourceLines(optionalText(formData, "lineage.sources") ?? ""),
      transformations: splitList(formData, "lineage.transformations", /[,\r\n]+/),
    },
    tags: splitList(formData, "tags", /,/),
  };
  const governance = json(formData, "governanceJson");
  if (governance !== undefined) spec.governance = governance;
  const template = json(formData, "templateJson");
  if (template !== undefined) spec.template = template;
  return spec;
}
