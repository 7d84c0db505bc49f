// DataProductSpec → Open Data Contract Standard v3.1.0 (bitol-io) for products declared in the seed format, and
// the small readers of ODCS values the import reader shares (lib/products/contract/project.ts reads contracts;
// its tests show that importing this export gives back every valid spec).
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
import type { DataProductSpec, FieldType, LifecycleState } from "@/lib/products/types";
import { FIELD_TYPES } from "@/lib/products/types";
import { isRecord } from "@/lib/products/yaml";
import { largestWholeUnit } from "@/lib/duration";

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
// Readers of ODCS values, shared with the import reader (lib/products/contract/project.ts)

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

/**
 * A document value as text for names, tags and messages. String() throws on a mapping whose toString or
 * valueOf key is not a function (YAML `toString: ""`), so mappings and lists are described instead.
 */
export function plain(value: unknown): string {
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
