// DataProductSpec ⇄ Open Data Contract Standard v3.1.0 (bitol-io). Export → import is lossless for every
// valid spec; importing contracts written by other tools fills what ODCS leaves optional with documented
// defaults and says so in `warnings`.
//
// Mapping (spec → ODCS):
//   name, version, domain           → name, version, domain (id defaults to `<domain>.<name>`)
//   description                      → description.purpose
//   owner                            → team.members[0] { username, role: owner } (v3.1 team object)
//   schema[]                         → schema[0] { name, logicalType: object, physicalType: table, properties[] }
//   field.type                       → property.logicalType (json → object; the only many-to-one entry, so
//                                      import inverts it exactly) + physicalType = PostgreSQL column type
//   field.required / description     → property.required / description (omitted when empty)
//   field.pii                        → property customProperties pii (+ tags [pii] when true)
//   slo.availability                 → slaProperties availability, unit %
//   slo.freshnessMinutes             → slaProperties latency (ODCS: "latency, preferred to freshness" is
//                                      how old the data may be), largest whole unit min/h/d
//   slo.latencyMs                    → slaProperties responseTime, unit ms (query response time has no
//                                      recommended ODCS name; the property name is free text)
//   access[] {role, permissions}     → roles[]: one { role, access } per permission (access is one word)
//   tags                             → tags
//   classification, lineage, governance, template → top-level customProperties of the same names
import { stringify } from "yaml";
import { productSpecSchema } from "@/lib/products/schema";
import type { DataProductSpec, FieldType, LifecycleState, Permission } from "@/lib/products/types";
import { FIELD_TYPES, PERMISSIONS, CLASSIFICATIONS } from "@/lib/products/types";
import { DEFAULT_CLASSIFICATION, IssueList, formatPath, isRecord, parsePercent, readYaml } from "@/lib/products/yaml";
import { convertDuration, largestWholeUnit, parseSloDuration } from "@/lib/duration";
import type { ProductIssue, YamlPath } from "@/lib/products/yaml";
import type { YamlSource } from "@/lib/yaml-position";

export const ODCS_API_VERSION = "v3.1.0";

export const ODCS_LOGICAL_TYPES: Record<FieldType, string> = {
  string: "string",
  integer: "integer",
  number: "number",
  boolean: "boolean",
  date: "date",
  timestamp: "timestamp",
  json: "object",
};

/** Column type each field type is provisioned as in PostgreSQL; written as ODCS physicalType. */
export const POSTGRES_COLUMN_TYPES: Record<FieldType, string> = {
  string: "text",
  integer: "bigint",
  number: "double precision",
  boolean: "boolean",
  date: "date",
  timestamp: "timestamptz",
  json: "jsonb",
};

const STATUS_BY_LIFECYCLE: Record<LifecycleState, string> = {
  draft: "draft",
  in_review: "proposed",
  published: "active",
  deprecated: "deprecated",
  retired: "retired",
};

/** Defaults for a contract without SLA properties; modest promises the owner is warned to review. */
export const IMPORT_SLO_DEFAULTS = { availability: 99, latencyMs: 1000, freshnessMinutes: 1440 } as const;

export type OdcsOptions = { id?: string; lifecycle?: LifecycleState };
type Json = Record<string, unknown>;

function custom(property: string, value: unknown): Json {
  return { property, value };
}

const UNIT_NAMES: Record<string, string> = { ms: "ms", min: "min", h: "h", d: "d" };

export function toOdcs(spec: DataProductSpec, opts: OdcsOptions = {}): Json {
  const freshness = largestWholeUnit(spec.slo.freshnessMinutes, "min");
  return {
    apiVersion: ODCS_API_VERSION,
    kind: "DataContract",
    id: opts.id ?? `${spec.domain}.${spec.name}`,
    name: spec.name,
    version: spec.version,
    status: STATUS_BY_LIFECYCLE[opts.lifecycle ?? "draft"],
    domain: spec.domain,
    description: { purpose: spec.description },
    ...(spec.tags.length > 0 ? { tags: [...spec.tags] } : {}),
    schema: [
      {
        name: spec.name,
        logicalType: "object",
        physicalType: "table",
        properties: spec.schema.map((field) => ({
          name: field.name,
          logicalType: ODCS_LOGICAL_TYPES[field.type],
          physicalType: POSTGRES_COLUMN_TYPES[field.type],
          required: field.required,
          ...(field.description !== "" ? { description: field.description } : {}),
          ...(field.pii ? { tags: ["pii"] } : {}),
          customProperties: [custom("pii", field.pii)],
        })),
      },
    ],
    slaProperties: [
      { property: "availability", value: spec.slo.availability, unit: "%" },
      { property: "latency", value: freshness.value, unit: UNIT_NAMES[freshness.unit], description: "Maximum age of the data" },
      { property: "responseTime", value: spec.slo.latencyMs, unit: "ms", description: "Maximum query response time" },
    ],
    roles: spec.access.flatMap((grant) => grant.permissions.map((access) => ({ role: grant.role, access }))),
    team: { members: [{ username: spec.owner, role: "owner" }] },
    customProperties: [
      custom("classification", spec.classification),
      custom("lineage", { sources: [...spec.lineage.sources], transformations: [...spec.lineage.transformations] }),
      ...(spec.governance ? [custom("governance", { ...spec.governance })] : []),
      ...(spec.template ? [custom("template", { ...spec.template })] : []),
    ],
  };
}

export function toOdcsYaml(spec: DataProductSpec, opts: OdcsOptions = {}): string {
  // compat: quote strings that YAML 1.1 readers (PyYAML-based ODCS tools) would take for booleans.
  return stringify(toOdcs(spec, opts), { compat: "yaml-1.1", lineWidth: 0 });
}

// ---------------------------------------------------------------------------------------------------
// Import

export type OdcsImportDefaults = { domain?: string; owner?: string };
export type OdcsParseResult =
  { ok: true; spec: DataProductSpec; id?: string; lifecycle?: LifecycleState; warnings: string[] } | { ok: false; errors: ProductIssue[] };

const LIFECYCLE_BY_STATUS: Record<string, LifecycleState> = {
  draft: "draft",
  proposed: "in_review",
  active: "published",
  deprecated: "deprecated",
  retired: "retired",
};

// Other tools name things for people ("Seller Payments"); our names are identifiers, so they are adapted.
export function slug(text: string, pattern: "dns" | "column" | "role"): string {
  const lower = text.trim().toLowerCase();
  if (pattern === "column")
    return lower
      .replace(/[^a-z0-9_]+/g, "_")
      .replace(/^(?=[0-9])/, "_")
      .slice(0, 63);
  const dashed = lower.replace(pattern === "dns" ? /[^a-z0-9-]+/g : /[^a-z0-9_-]+/g, "-");
  return dashed
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, "")
    .slice(0, 63)
    .replace(/[-_]+$/, "");
}

// Where each spec property came from in the document, so schema errors point at what the user wrote.
class Origins {
  private readonly entries = new Map<string, { path: YamlPath; appendRest: boolean }>();
  set(specPath: string, docPath: YamlPath, appendRest = false) {
    this.entries.set(specPath, { path: docPath, appendRest });
  }
  resolve(specPath: readonly PropertyKey[]): YamlPath {
    const keys = specPath.map(String);
    for (let n = keys.length; n > 0; n--) {
      const entry = this.entries.get(keys.slice(0, n).join("."));
      if (!entry) continue;
      const rest = specPath.slice(n).map((k) => (typeof k === "number" ? k : String(k)));
      return entry.appendRest ? [...entry.path, ...rest] : entry.path;
    }
    return [];
  }
}

/**
 * A document value as text for names, tags and messages. String() throws on a mapping whose toString or
 * valueOf key is not a function (YAML `toString: ""`), so mappings and lists are described instead.
 */
function plain(value: unknown): string {
  if (value !== null && typeof value === "object") return Array.isArray(value) ? "a list" : "a mapping";
  return String(value);
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function customProperty(list: unknown, name: string): { value: unknown; index: number } | undefined {
  const items = asArray(list);
  const index = items.findIndex(
    (item) => isRecord(item) && typeof item.property === "string" && item.property.toLowerCase() === name.toLowerCase(),
  );
  return index === -1 ? undefined : { value: (items[index] as Json).value, index };
}

export function fieldType(property: Json): { type: FieldType; guessed: boolean } {
  const logical = typeof property.logicalType === "string" ? property.logicalType.toLowerCase() : "";
  const byLogical = FIELD_TYPES.find((type) => ODCS_LOGICAL_TYPES[type] === logical);
  if (byLogical) return { type: byLogical, guessed: false };
  if (logical === "array") return { type: "json", guessed: false };
  const physical = typeof property.physicalType === "string" ? property.physicalType.toLowerCase() : "";
  const rules: [RegExp, FieldType][] = [
    [/^(varchar|nvarchar|char|character|text|string|uuid|enum)/, "string"],
    [/^(timestamp|datetime)/, "timestamp"],
    [/^date$/, "date"],
    [/^bool/, "boolean"],
    [/^(tinyint|smallint|int|bigint|long|integer|serial)/, "integer"],
    [/^(decimal|numeric|number|float|double|real)/, "number"],
    [/^(json|struct|map|array|variant|object)/, "json"],
  ];
  const match = rules.find(([pattern]) => pattern.test(physical));
  return match ? { type: match[1], guessed: false } : { type: "string", guessed: true };
}

export function isPii(property: Json): boolean {
  const flag = customProperty(property.customProperties, "pii");
  if (flag && typeof flag.value === "boolean") return flag.value;
  const tags = asArray(property.tags).map((t) => plain(t).toLowerCase());
  return tags.includes("pii") || plain(property.classification ?? "").toLowerCase() === "pii";
}

function readFields(doc: Json, origins: Origins, issues: IssueList, warnings: string[]) {
  const objects = asArray(doc.schema);
  origins.set("schema", ["schema"]);
  if (objects.length !== 1) {
    issues.add(
      ["schema"],
      objects.length === 0
        ? "The contract describes no table; a data product needs one table with its fields"
        : `A data product holds one table, but the contract describes ${objects.length}; import each table separately`,
    );
    return { fields: [], sources: [] as string[], classifications: [] as string[] };
  }
  const object = isRecord(objects[0]) ? objects[0] : {};
  const sources = new Set<string>();
  const classifications: string[] = [];
  origins.set("schema", ["schema", 0, "properties"]);
  const fields = asArray(object.properties).map((raw, i) => {
    const at: YamlPath = ["schema", 0, "properties", i];
    const property = isRecord(raw) ? raw : {};
    origins.set(`schema.${i}`, at);
    for (const key of ["name", "description", "required"]) origins.set(`schema.${i}.${key}`, [...at, key]);
    origins.set(`schema.${i}.type`, [...at, "logicalType"]);
    origins.set(`schema.${i}.pii`, [...at, "customProperties"]);
    const rawName = typeof property.name === "string" ? property.name : "";
    const name = /^[a-z_][a-z0-9_]*$/.test(rawName) ? rawName : slug(rawName, "column");
    if (name !== rawName && rawName !== "") warnings.push(`Field "${rawName}" was renamed to ${name}`);
    const { type, guessed } = fieldType(property);
    if (guessed) warnings.push(`Field ${name} has no type we know; it was imported as string`);
    for (const source of asArray(property.transformSourceObjects)) if (typeof source === "string") sources.add(source);
    if (typeof property.classification === "string") classifications.push(property.classification.toLowerCase());
    return {
      name,
      type,
      description: typeof property.description === "string" ? property.description : "",
      required: property.required ?? false,
      pii: isPii(property),
    };
  });
  return { fields, sources: [...sources], classifications };
}

type SloKey = "availability" | "latencyMs" | "freshnessMinutes";
const SLA_TARGETS: Record<string, SloKey> = {
  availability: "availability",
  av: "availability",
  responsetime: "latencyMs",
  latency: "freshnessMinutes",
  ly: "freshnessMinutes",
  freshness: "freshnessMinutes",
};

function readSlo(doc: Json, origins: Origins, issues: IssueList, warnings: string[]) {
  const slo: Partial<Record<SloKey, number>> = {};
  let frequency: { value: number; index: number } | undefined;
  asArray(doc.slaProperties).forEach((raw, index) => {
    if (!isRecord(raw) || typeof raw.property !== "string") return;
    const name = raw.property.toLowerCase();
    const at: YamlPath = ["slaProperties", index];
    const unit = typeof raw.unit === "string" && raw.unit.trim() !== "" ? raw.unit : undefined;
    const duration = (base: "ms" | "min") =>
      typeof raw.value === "number" && unit
        ? convertDuration(raw.value, unit, base)
        : parseSloDuration(unit ? `${plain(raw.value)} ${unit}` : raw.value, base);
    if (name === "frequency" || name === "fy") {
      const value = duration("min");
      if (value !== null && frequency === undefined) frequency = { value, index };
      return;
    }
    const target = SLA_TARGETS[name];
    if (!target || slo[target] !== undefined) return; // first entry wins; other SLA kinds have no slot
    const value = target === "availability" ? parsePercent(raw.value) : duration(target === "latencyMs" ? "ms" : "min");
    origins.set(`slo.${target}`, [...at, "value"]);
    if (value === null || Number.isNaN(value))
      issues.add([...at, "value"], `The ${raw.property} value could not be read as a number with a unit`);
    else slo[target] = value;
  });
  // Updating at least every N minutes keeps data at most about N minutes old.
  if (slo.freshnessMinutes === undefined && frequency) {
    slo.freshnessMinutes = frequency.value;
    origins.set("slo.freshnessMinutes", ["slaProperties", frequency.index, "value"]);
  }
  for (const key of Object.keys(IMPORT_SLO_DEFAULTS) as SloKey[]) {
    if (slo[key] !== undefined) continue;
    slo[key] = IMPORT_SLO_DEFAULTS[key];
    origins.set(`slo.${key}`, ["slaProperties"]);
    warnings.push(
      `The contract has no ${key === "latencyMs" ? "responseTime" : key === "freshnessMinutes" ? "latency" : key} SLA; ${key} was set to ${IMPORT_SLO_DEFAULTS[key]}; please review it`,
    );
  }
  return slo;
}

const ACCESS_WORDS: Record<string, Permission[]> = {
  read: ["read"],
  write: ["write"],
  delete: ["delete"],
  manage: ["manage"],
  admin: ["manage"],
  readwrite: ["read", "write"],
  "read-write": ["read", "write"],
  rw: ["read", "write"],
};

function readAccess(doc: Json, origins: Origins, issues: IssueList, warnings: string[]) {
  const grants: { role: string; permissions: Permission[] }[] = [];
  asArray(doc.roles).forEach((raw, index) => {
    if (!isRecord(raw) || typeof raw.role !== "string") return issues.add(["roles", index], "Each role needs a role name");
    const role = /^[a-z][a-z0-9_-]*$/.test(raw.role) ? raw.role : slug(raw.role, "role");
    if (role !== raw.role) warnings.push(`Role "${raw.role}" was renamed to ${role}`);
    // ODCS lists roles that give access to the data; without an access word, read is the least privilege.
    const words =
      typeof raw.access === "string"
        ? raw.access
            .toLowerCase()
            .split(/[\s,;/|]+/)
            .filter(Boolean)
        : ["read"];
    const permissions = words.flatMap((word) => ACCESS_WORDS[word] ?? []);
    const unknown = words.filter((word) => !ACCESS_WORDS[word]);
    if (unknown.length > 0) issues.add(["roles", index, "access"], `Access ${unknown.join(", ")} is not one of ${PERMISSIONS.join(", ")}`);
    let grant = grants.find((g) => g.role === role);
    if (!grant) {
      grant = { role, permissions: [] };
      origins.set(`access.${grants.length}`, ["roles", index]);
      origins.set(`access.${grants.length}.role`, ["roles", index, "role"]);
      origins.set(`access.${grants.length}.permissions`, ["roles", index, "access"]);
      grants.push(grant);
    }
    for (const permission of permissions) if (!grant.permissions.includes(permission)) grant.permissions.push(permission);
  });
  return grants;
}

function readOwner(doc: Json, defaults: OdcsImportDefaults, origins: Origins) {
  const team = doc.team;
  const members = Array.isArray(team) ? team : isRecord(team) ? asArray(team.members) : [];
  const membersPath: YamlPath = Array.isArray(team) ? ["team"] : ["team", "members"];
  let index = members.findIndex((m) => isRecord(m) && /owner/i.test(plain(m.role ?? "")));
  if (index === -1 && members.length > 0) index = 0;
  origins.set("owner", Array.isArray(team) || isRecord(team) ? ["team"] : []);
  if (index === -1) return defaults.owner;
  origins.set("owner", [...membersPath, index, "username"]);
  return (members[index] as Json).username;
}

function readClassification(doc: Json, classifications: string[], origins: Origins, warnings: string[]) {
  const declared = customProperty(doc.customProperties, "classification");
  if (declared) {
    origins.set("classification", ["customProperties", declared.index, "value"]);
    return declared.value;
  }
  // Property-level classifications are free text; the strictest one we recognise covers the product.
  const known = CLASSIFICATIONS.filter((c) => classifications.includes(c));
  if (known.length > 0) return known[known.length - 1];
  warnings.push(`The contract does not say how sensitive the data is; classification was set to ${DEFAULT_CLASSIFICATION}`);
  return DEFAULT_CLASSIFICATION;
}

function readText(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

function readDocument(doc: Json, defaults: OdcsImportDefaults, origins: Origins, issues: IssueList, warnings: string[]) {
  const apiVersion = doc.apiVersion;
  if (apiVersion !== undefined && !(typeof apiVersion === "string" && /^v3\.\d+\.\d+$/.test(apiVersion))) {
    issues.add(["apiVersion"], `ODCS ${plain(apiVersion)} is not supported; use an ODCS v3 contract (apiVersion v3.0.x or v3.1.0)`);
  }
  if (doc.kind !== undefined && doc.kind !== "DataContract") issues.add(["kind"], "kind must be DataContract");

  const identity = (key: "name" | "domain", fallback: unknown): unknown => {
    const raw = readText(doc[key]) ?? readText(fallback);
    origins.set(key, [key]);
    if (raw === undefined) return undefined;
    const value = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(raw) ? raw : slug(raw, "dns");
    if (value !== raw) warnings.push(`The ${key} "${raw}" became ${value}`);
    return value;
  };
  const { fields, sources, classifications } = readFields(doc, origins, issues, warnings);
  const firstObject = isRecord(asArray(doc.schema)[0]) ? (asArray(doc.schema)[0] as Json) : {};
  const name = identity("name", doc.dataProduct ?? firstObject.name);
  const domain = identity("domain", defaults.domain);

  const info = isRecord(doc.description) ? doc.description : { purpose: doc.description };
  origins.set("description", isRecord(doc.description) ? ["description", "purpose"] : ["description"]);
  let description = readText(info.purpose) ?? readText(info.usage) ?? readText(info.limitations);
  if (description === undefined) {
    description = `Imported from the ODCS contract ${plain(doc.name ?? doc.id ?? name ?? "")}`.trim();
    warnings.push("The contract has no description; a placeholder was used");
  }

  origins.set("version", ["version"]);
  origins.set("tags", ["tags"], true);
  const tags = [
    ...new Set(
      asArray(doc.tags)
        .map((t) => (/^[a-z0-9][a-z0-9_-]*$/.test(plain(t)) ? plain(t) : slug(plain(t), "role")))
        .filter((t) => t !== ""),
    ),
  ];

  const lineage = customProperty(doc.customProperties, "lineage");
  if (lineage) origins.set("lineage", ["customProperties", lineage.index, "value"], true);
  const governance = customProperty(doc.customProperties, "governance");
  if (governance) origins.set("governance", ["customProperties", governance.index, "value"], true);
  const template = customProperty(doc.customProperties, "template");
  if (template) origins.set("template", ["customProperties", template.index, "value"], true);

  return {
    name,
    domain,
    owner: readOwner(doc, defaults, origins),
    version: doc.version,
    description,
    classification: readClassification(doc, classifications, origins, warnings),
    schema: fields,
    slo: readSlo(doc, origins, issues, warnings),
    access: readAccess(doc, origins, issues, warnings),
    // Without our lineage property, the properties' transformSourceObjects are the contract's sources.
    lineage: lineage?.value ?? { sources, transformations: [] },
    tags,
    ...(governance ? { governance: governance.value } : {}),
    ...(template ? { template: template.value } : {}),
  };
}

const MISSING_MESSAGES: Record<string, string> = {
  owner: "The contract names no owner; add a team member with role owner (an email address)",
  domain: "The contract names no domain; add domain or choose the domain to import into",
};

/** Reads an ODCS v3 contract (YAML/JSON text or a parsed object) into a validated spec. */
export function parseOdcs(input: string | object, defaults: OdcsImportDefaults = {}): OdcsParseResult {
  let source: YamlSource | undefined;
  let value: unknown = input;
  if (typeof input === "string") {
    const read = readYaml(input);
    if (!read.ok) return read;
    source = read.source;
    value = read.value;
  }
  const issues = new IssueList();
  if (!isRecord(value)) {
    issues.add([], "The file is not an ODCS data contract (expected apiVersion, kind: DataContract, schema …)");
    return { ok: false, errors: issues.toIssues(source) };
  }
  const origins = new Origins();
  const warnings: string[] = [];
  const candidate = readDocument(value, defaults, origins, issues, warnings);
  const parsed = productSpecSchema.safeParse(candidate);
  if (!parsed.success) {
    const covered = issues.paths();
    for (const issue of parsed.error.issues) {
      const path = origins.resolve(issue.path);
      const head = String(issue.path[0]);
      const message =
        issue.path.length === 1 && (candidate as Json)[head] === undefined ? (MISSING_MESSAGES[head] ?? issue.message) : issue.message;
      if (!covered.has(formatPath(path))) issues.add(path, message);
    }
  }
  if (issues.size > 0 || !parsed.success) return { ok: false, errors: issues.toIssues(source) };
  const status = typeof value.status === "string" ? LIFECYCLE_BY_STATUS[value.status.toLowerCase()] : undefined;
  return {
    ok: true,
    spec: parsed.data,
    ...(typeof value.id === "string" ? { id: value.id } : {}),
    ...(status ? { lifecycle: status } : {}),
    warnings,
  };
}
