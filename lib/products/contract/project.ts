// The portal's own view of a contract: the DataProductSpec that lifecycle, provisioning, governance, quality and
// search read. `spec.schema` is the first dataset's top-level properties; the contract itself is kept whole
// beside it. The projection adapts what the portal's identifiers cannot hold (names, lengths, counts) and fills
// what a contract may leave out with portal defaults, and says so in `notes`; it never refuses a valid contract.
// Only the domain and owner cannot be guessed: they are reported as `missing` for the import page to ask.
import { convertDuration, parseSloDuration } from "@/lib/duration";
import { identifierPart, isReservedColumnName } from "@/lib/products/db-identifiers";
import { customProperty, fieldType, IMPORT_SLO_DEFAULTS, isPii, plain, slug } from "@/lib/products/odcs";
import { contractSpecSchema, governanceSchema, lineageSchema, templateRefSchema } from "@/lib/products/schema";
import { isValidSemver } from "@/lib/products/semver";
import {
  CLASSIFICATIONS,
  type AccessGrant,
  type Classification,
  type DataProductSpec,
  type Permission,
  type ProductField,
} from "@/lib/products/types";
import { DEFAULT_CLASSIFICATION, parsePercent } from "@/lib/products/yaml";
import { isRecord } from "./normalize";
import type { OdcsContract, OdcsProperty, OdcsSchemaObject } from "./types";

export type NoteKind = "defaulted" | "adapted" | "portal-only";
/** Something the import did that the user should know before saving. `path` is in the contract. */
export type ImportNote = { kind: NoteKind; path: string; message: string };
export type ProjectChoices = { domain?: string; owner?: string };
export type Projection = {
  spec: Partial<DataProductSpec> & Omit<DataProductSpec, "domain" | "owner">;
  notes: ImportNote[];
  missing: ("domain" | "owner")[];
  /** The contract's owner as declared (a username or e-mail), for the page to suggest. */
  declaredOwner?: string;
};

const MAX_FIELDS = 500;
const MAX_TAGS = 20;
const ROLE_NAME = /^[a-z][a-z0-9_-]*$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const STRICTNESS: Record<string, Classification> = {
  public: "public",
  internal: "internal",
  confidential: "confidential",
  sensitive: "confidential",
  restricted: "restricted",
  secret: "restricted",
  "highly-confidential": "restricted",
  pii: "restricted",
};

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

/** At most `max` characters; a text that fits is kept exactly as written. */
function cut(value: string, max: number): string {
  const chars = [...value];
  return chars.length <= max ? value : chars.slice(0, max).join("").trim();
}

/** Every property at any depth with its path, in document order (objects through properties, arrays through items). */
export function walkProperties(
  properties: OdcsProperty[] | undefined,
  visit: (property: OdcsProperty, path: string, depth: number) => void,
  prefix = "",
  depth = 0,
) {
  for (const property of properties ?? []) {
    if (!isRecord(property)) continue;
    const path = prefix === "" ? String(property.name) : `${prefix}.${String(property.name)}`;
    visit(property, path, depth);
    walkProperties(property.properties, visit, path, depth + 1);
    if (isRecord(property.items)) {
      const items = { ...property.items, name: `${String(property.name)}[]` } as OdcsProperty;
      walkProperties(items.properties, visit, `${path}[]`, depth + 1);
    }
  }
}

/** True when the property or anything nested in it is personal data. */
export function containsPii(property: OdcsProperty): boolean {
  let found = false;
  walkProperties([property], (p) => {
    if (isPii(p)) found = true;
  });
  return found;
}

export function classificationOf(value: unknown): Classification | undefined {
  return typeof value === "string" ? STRICTNESS[value.trim().toLowerCase()] : undefined;
}

function projectFields(contract: OdcsContract, notes: ImportNote[]): ProductField[] {
  const first = contract.schema?.[0];
  if (!first) {
    notes.push({
      kind: "portal-only",
      path: "schema",
      message: "The contract declares no dataset; the product has no table to provision until one is added.",
    });
    return [];
  }
  if ((contract.schema?.length ?? 0) > 1) {
    notes.push({
      kind: "portal-only",
      path: "schema",
      message: `${contract.schema?.length} datasets are kept in the contract; provisioning creates a table for each, the edit form edits the first (${first.name}).`,
    });
  }
  return datasetFields(first, 0, notes);
}

/** One dataset's top-level properties as columns (names adapted to identifiers, types mapped), with notes. */
export function datasetFields(dataset: OdcsSchemaObject, index: number, notes: ImportNote[] = []): ProductField[] {
  const used = new Set<string>();
  const properties = (dataset.properties ?? []).filter(isRecord);
  if (properties.length > MAX_FIELDS) {
    notes.push({
      kind: "adapted",
      path: `schema[${index}].properties`,
      message: `Only the first ${MAX_FIELDS} properties become ${index === 0 ? "form fields" : "columns"}; all are kept in the contract.`,
    });
  }
  return properties.slice(0, MAX_FIELDS).map((property, i) => {
    const at = `schema[${index}].properties[${i}]`;
    const raw = typeof property.name === "string" ? property.name : "";
    let name = /^[a-z_][a-z0-9_]*$/.test(raw) ? raw.slice(0, 63) : slug(raw, "column");
    if (name === "" || (name === "_" && raw !== "_")) name = `field_${i + 1}`; // nothing left of the name
    if (isReservedColumnName(name)) name = `${name}_field`.replace(/^_+/, "");
    let unique = name;
    for (let n = 2; used.has(unique); n++) unique = `${name.slice(0, 60)}_${n}`;
    used.add(unique);
    if (unique !== raw)
      notes.push({
        kind: "adapted",
        path: `${at}.name`,
        message: `Column ${unique} stands for property "${raw}" (the contract keeps the original name).`,
      });
    const { type, guessed } = fieldType(property);
    if (guessed) notes.push({ kind: "defaulted", path: `${at}.logicalType`, message: `No known type; the column is text.` });
    const description = typeof property.description === "string" ? property.description : "";
    if ([...description].length > 500)
      notes.push({ kind: "adapted", path: `${at}.description`, message: "The form shows the first 500 characters of the description." });
    return {
      name: unique,
      type,
      description: cut(description, 500),
      required: property.required === true,
      pii: containsPii(property),
      ...(typeof property.physicalType === "string" && property.physicalType.trim() !== ""
        ? { physicalType: cut(property.physicalType, 200) }
        : {}),
      ...(property.primaryKey === true ? { primaryKey: true } : {}),
      ...(property.unique === true ? { unique: true } : {}),
    };
  });
}

/**
 * Every dataset of the contract with its columns, in contract order (the first is `spec.schema`'s source).
 * Provisioning creates a table for each (lib/provisioning/datasets.ts names them).
 */
export function projectDatasets(contract: OdcsContract): { name: string; fields: ProductField[] }[] {
  return (contract.schema ?? []).filter(isRecord).map((dataset, i) => ({
    name: typeof dataset.name === "string" && dataset.name.trim() !== "" ? dataset.name : `dataset_${i + 1}`,
    fields: datasetFields(dataset, i),
  }));
}

function projectClassification(contract: OdcsContract, notes: ImportNote[]): Classification {
  const declared = classificationOf(customProperty(contract.customProperties, "classification")?.value);
  if (declared) return declared;
  let strictest = -1;
  for (const dataset of contract.schema ?? []) {
    walkProperties(dataset.properties, (p) => {
      const c = classificationOf(p.classification);
      if (c) strictest = Math.max(strictest, CLASSIFICATIONS.indexOf(c));
    });
  }
  if (strictest >= 0) return CLASSIFICATIONS[strictest];
  notes.push({
    kind: "portal-only",
    path: "",
    message: `No classification is declared; the portal treats the product as ${DEFAULT_CLASSIFICATION} (not written to the contract).`,
  });
  return DEFAULT_CLASSIFICATION;
}

type SloKey = keyof typeof IMPORT_SLO_DEFAULTS;
const SLA_TARGETS: Record<string, SloKey> = {
  availability: "availability",
  av: "availability",
  responsetime: "latencyMs",
  latency: "freshnessMinutes",
  ly: "freshnessMinutes",
  freshness: "freshnessMinutes",
  frequency: "freshnessMinutes",
  fy: "freshnessMinutes",
};

function projectSlo(contract: OdcsContract, notes: ImportNote[]): DataProductSpec["slo"] {
  const slo: Partial<Record<SloKey, number>> = {};
  for (const raw of contract.slaProperties ?? []) {
    if (!isRecord(raw) || typeof raw.property !== "string") continue;
    const key = SLA_TARGETS[raw.property.toLowerCase()];
    if (!key || slo[key] !== undefined) continue;
    const unit = text(raw.unit);
    const base = key === "latencyMs" ? "ms" : "min";
    const value =
      key === "availability"
        ? parsePercent(raw.value)
        : typeof raw.value === "number" && unit
          ? convertDuration(raw.value, unit, base)
          : parseSloDuration(unit ? `${plain(raw.value)} ${unit}` : raw.value, base);
    if (value === null || !Number.isFinite(value)) continue;
    if (key === "availability" && value >= 0 && value <= 100) slo.availability = value;
    if (key !== "availability" && value > 0) slo[key] = Math.min(Number.MAX_SAFE_INTEGER, Math.max(1, Math.round(value)));
  }
  for (const key of Object.keys(IMPORT_SLO_DEFAULTS) as SloKey[]) {
    if (slo[key] !== undefined) continue;
    slo[key] = IMPORT_SLO_DEFAULTS[key];
    notes.push({
      kind: "portal-only",
      path: "slaProperties",
      message: `No ${key} target is declared; the portal monitors ${IMPORT_SLO_DEFAULTS[key]} (not written to the contract).`,
    });
  }
  return slo as DataProductSpec["slo"];
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

function projectAccess(contract: OdcsContract, notes: ImportNote[]): AccessGrant[] {
  const grants: AccessGrant[] = [];
  const byIdentifier = new Map<string, AccessGrant>();
  (contract.roles ?? []).forEach((raw, index) => {
    if (!isRecord(raw) || typeof raw.role !== "string") return;
    let role = ROLE_NAME.test(raw.role) && raw.role.length <= 63 ? raw.role : slug(raw.role, "role");
    if (!/^[a-z]/.test(role)) role = `role-${role}`.slice(0, 63).replace(/[-_]+$/, "");
    if (role === "role") role = `role-${index + 1}`;
    const words =
      typeof raw.access === "string"
        ? raw.access
            .toLowerCase()
            .split(/[\s,;/|]+/)
            .filter(Boolean)
        : ["read"];
    const permissions = [...new Set(words.flatMap((w) => ACCESS_WORDS[w] ?? []))];
    if (permissions.length === 0) {
      permissions.push("read");
      notes.push({
        kind: "defaulted",
        path: `roles[${index}].access`,
        message: `Access "${plain(raw.access)}" is not one the portal grants; role ${role} gets read.`,
      });
    }
    const existing = byIdentifier.get(identifierPart(role));
    if (existing) {
      for (const p of permissions) if (!existing.permissions.includes(p)) existing.permissions.push(p);
      return;
    }
    if (role !== raw.role)
      notes.push({ kind: "adapted", path: `roles[${index}].role`, message: `Database role ${role} stands for "${raw.role}".` });
    const grant = { role, permissions };
    byIdentifier.set(identifierPart(role), grant);
    grants.push(grant);
  });
  return grants;
}

function projectLineage(contract: OdcsContract): DataProductSpec["lineage"] {
  const declared = lineageSchema.safeParse(customProperty(contract.customProperties, "lineage")?.value);
  if (declared.success) return declared.data;
  const sources = new Set<string>();
  for (const dataset of contract.schema ?? []) {
    walkProperties(dataset.properties, (p) => {
      for (const s of Array.isArray(p.transformSourceObjects) ? p.transformSourceObjects : []) {
        const entry = typeof s === "string" ? cut(s.replace(/[,\r\n]+/g, " "), 200).trim() : "";
        if (entry !== "") sources.add(entry);
      }
    });
  }
  return { sources: [...sources].slice(0, 100), transformations: [] };
}

function projectTags(contract: OdcsContract, notes: ImportNote[]): string[] {
  const tags = [
    ...new Set(
      (contract.tags ?? [])
        .map((t) => (typeof t === "string" ? t : ""))
        // A tag the catalog accepts as is stays as is (a portal export comes back unchanged); others are adapted.
        .map((t) =>
          /^[a-z0-9][a-z0-9_-]*$/.test(t) && t.length <= 50
            ? t
            : slug(t, "role")
                .slice(0, 50)
                .replace(/[-_]+$/, ""),
        )
        .filter((t) => /^[a-z0-9][a-z0-9_-]*$/.test(t)),
    ),
  ];
  if (tags.length > MAX_TAGS)
    notes.push({ kind: "adapted", path: "tags", message: `The catalog shows the first ${MAX_TAGS} tags; all are kept in the contract.` });
  return tags.slice(0, MAX_TAGS);
}

function projectVersion(contract: OdcsContract, notes: ImportNote[]): string {
  const declared = plain(contract.version ?? "").trim();
  if (isValidSemver(declared)) return declared;
  const parts = declared.replace(/^v/i, "").match(/^(\d+)(?:\.(\d+))?(?:\.(\d+))?/);
  const coerced = parts ? `${Number(parts[1])}.${Number(parts[2] ?? 0)}.${Number(parts[3] ?? 0)}` : "0.1.0";
  const version = isValidSemver(coerced) ? coerced : "0.1.0";
  notes.push({
    kind: "adapted",
    path: "version",
    message: `Version "${declared}" is tracked as ${version} for semantic versioning (the contract keeps "${declared}").`,
  });
  return version;
}

/** The contract's owner: the first team member whose role says owner, else the first member. */
export function declaredOwner(contract: OdcsContract): string | undefined {
  const members = (contract.team?.members ?? []).filter(isRecord);
  const owner = members.find((m) => /owner/i.test(String(m.role ?? ""))) ?? members[0];
  return typeof owner?.username === "string" ? owner.username : undefined;
}

export function projectContract(contract: OdcsContract, choices: ProjectChoices = {}): Projection {
  const notes: ImportNote[] = [];
  const missing: Projection["missing"] = [];
  const rawName = text(contract.name) ?? text(contract.dataProduct) ?? text(contract.schema?.[0]?.name) ?? contract.id;
  let name = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(rawName) && rawName.length <= 63 ? rawName : slug(rawName, "dns");
  if (name === "") name = "imported-contract";
  if (name !== rawName)
    notes.push({ kind: "adapted", path: "name", message: `The product is called ${name} in the portal (from "${rawName}").` });

  const domainText = choices.domain ?? text(contract.domain);
  const domain = domainText === undefined ? undefined : slug(domainText, "dns");
  if (!domain) missing.push("domain");
  const ownerDeclared = declaredOwner(contract);
  const owner = choices.owner ?? (ownerDeclared && EMAIL.test(ownerDeclared) ? ownerDeclared : undefined);
  if (!owner) missing.push("owner");

  const info = contract.description ?? {};
  let description = text(info.purpose) ?? text(info.usage) ?? text(info.limitations);
  if (description === undefined) {
    description = `Data contract ${contract.id}`;
    notes.push({
      kind: "portal-only",
      path: "description",
      message: "No description is declared; the catalog shows the contract id instead (not written to the contract).",
    });
  }
  const governance = governanceSchema.safeParse(customProperty(contract.customProperties, "governance")?.value);
  const template = templateRefSchema.safeParse(customProperty(contract.customProperties, "template")?.value);

  const spec = {
    name,
    ...(domain ? { domain } : {}),
    ...(owner ? { owner } : {}),
    version: projectVersion(contract, notes),
    description: cut(description, 2000),
    classification: projectClassification(contract, notes),
    schema: projectFields(contract, notes),
    slo: projectSlo(contract, notes),
    access: projectAccess(contract, notes),
    lineage: projectLineage(contract),
    tags: projectTags(contract, notes),
    ...(governance.success && governance.data ? { governance: governance.data } : {}),
    ...(template.success && template.data ? { template: template.data } : {}),
  };
  return { spec, notes, missing, ...(ownerDeclared ? { declaredOwner: ownerDeclared } : {}) };
}

/** The projection as a checked spec once domain and owner are known; field errors otherwise. */
export function completeProjection(projection: Projection) {
  return contractSpecSchema.safeParse(projection.spec);
}
