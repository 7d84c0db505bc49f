// The storage step's pure core: a product's fields as a PostgreSQL table, and what to do when a table
// already exists (nothing, migrate in place, or start a new versioned table).
//
// Type mapping: string→text, integer→bigint, number→double precision, boolean→boolean, date→date,
// timestamp→timestamptz, json→jsonb. Required fields are NOT NULL.
// Primary key: the first required field named `id` or ending in `_id`; otherwise the first required
// field; a product without required fields gets a surrogate `_row_id bigint GENERATED ALWAYS AS IDENTITY`.
// Every table also has `_loaded_at timestamptz NOT NULL DEFAULT now()` (the load's transaction time).
//
// Compatible changes migrate in place: new optional fields (ADD COLUMN) and required → optional
// (DROP NOT NULL). Anything else (removed field, changed type, optional → required, new required
// field, another primary key) would break existing rows or readers, so it gets a new table and the old
// one stays readable until the product is deprovisioned.
import { isReservedColumnName, LOADED_AT, PLATFORM_COLUMNS, ROW_ID, type ProductField } from "@/lib/products";
import { columnTypeFor } from "./physical-types";
import { qualified, quoteIdent, tableNameFor, versionedTableName } from "./naming";

export { PG_TYPES } from "./physical-types";

// Named where spec validation reserves them too, so a field can never take one of these names.
export { LOADED_AT, ROW_ID };
const PLATFORM = new Set(PLATFORM_COLUMNS);

export type Column = { name: string; type: string; notNull: boolean };
export type TableDesign = { columns: Column[]; primaryKey: string[]; dataColumns: string[]; unique?: string[] };
export type ExistingTable = { name: string; columns: Column[]; primaryKey: string[] };

export type StoragePlan = {
  action: "create" | "alter" | "unchanged" | "new_table";
  table: string;
  statements: string[];
  notes: string[];
};

/**
 * Field names that would collide with the columns the platform adds or PostgreSQL's system columns.
 * Spec validation refuses them; this catches a spec stored before it did.
 */
export function reservedFieldNames(fields: readonly ProductField[]): string[] {
  return fields.filter((f) => isReservedColumnName(f.name)).map((f) => f.name);
}

export function primaryKeyFor(fields: readonly ProductField[]): string[] {
  // A contract's declared primary key wins (its columns become NOT NULL, as PostgreSQL requires).
  const declared = fields.filter((f) => f.primaryKey === true);
  if (declared.length > 0) return declared.map((f) => f.name);
  const required = fields.filter((f) => f.required);
  const idField = required.find((f) => f.name === "id" || f.name.endsWith("_id"));
  const chosen = idField ?? required[0];
  return chosen ? [chosen.name] : [ROW_ID];
}

export function designTable(fields: readonly ProductField[]): TableDesign {
  const primaryKey = primaryKeyFor(fields);
  const columns: Column[] = [];
  if (primaryKey[0] === ROW_ID) columns.push({ name: ROW_ID, type: "bigint", notNull: true });
  for (const f of fields) columns.push({ name: f.name, type: columnTypeFor(f), notNull: f.required || primaryKey.includes(f.name) });
  columns.push({ name: LOADED_AT, type: "timestamp with time zone", notNull: true });
  const unique = fields.filter((f) => f.unique === true && !primaryKey.includes(f.name)).map((f) => f.name);
  return { columns, primaryKey, dataColumns: fields.map((f) => f.name), ...(unique.length > 0 ? { unique } : {}) };
}

function columnSql(c: Column): string {
  if (c.name === ROW_ID) return `${quoteIdent(c.name)} bigint GENERATED ALWAYS AS IDENTITY`;
  if (c.name === LOADED_AT) return `${quoteIdent(c.name)} timestamp with time zone NOT NULL DEFAULT now()`;
  return `${quoteIdent(c.name)} ${c.type}${c.notNull ? " NOT NULL" : ""}`;
}

export function createTableSql(schema: string, table: string, design: TableDesign): string {
  const parts = [
    ...design.columns.map(columnSql),
    `PRIMARY KEY (${design.primaryKey.map(quoteIdent).join(", ")})`,
    ...(design.unique ?? []).map((c) => `UNIQUE (${quoteIdent(c)})`),
  ];
  return `CREATE TABLE IF NOT EXISTS ${qualified(schema, table)} (${parts.join(", ")})`;
}

/** Why the existing table cannot take the design in place (empty when it can). */
export function incompatibilities(current: ExistingTable, design: TableDesign): string[] {
  const reasons: string[] = [];
  const wanted = new Map(design.columns.map((c) => [c.name, c]));
  for (const c of current.columns) {
    if (PLATFORM.has(c.name)) continue;
    const d = wanted.get(c.name);
    if (!d) reasons.push(`field ${c.name} was removed`);
    else if (d.type !== c.type) reasons.push(`field ${c.name} changed type from ${c.type} to ${d.type}`);
    else if (d.notNull && !c.notNull) reasons.push(`field ${c.name} became required`);
  }
  const have = new Set(current.columns.map((c) => c.name));
  for (const d of design.columns) {
    if (!have.has(d.name) && d.notNull && d.name !== LOADED_AT) reasons.push(`new required field ${d.name}`);
  }
  if (current.primaryKey.join(",") !== design.primaryKey.join(",")) {
    reasons.push(`primary key changed from (${current.primaryKey.join(", ")}) to (${design.primaryKey.join(", ")})`);
  }
  return reasons;
}

/**
 * What the storage step does. `current` is the deployment's current table as found in the catalog
 * (null when there is none); `taken` lists every table name already used in the schema.
 */
export function planStorage(
  schema: string,
  product: string,
  version: string,
  design: TableDesign,
  current: ExistingTable | null,
  taken: readonly string[] = [],
  /** Another dataset's table stem (`<product>__<dataset>`, datasets.ts) instead of the product's name. */
  stem?: string,
): StoragePlan {
  const nameFor = (used: readonly string[]) => (stem ? versionedTableName(stem, version, used) : tableNameFor(product, version, used));
  if (!current) {
    const table = nameFor(taken);
    return { action: "create", table, statements: [createTableSql(schema, table, design)], notes: [`create table ${table}`] };
  }
  const reasons = incompatibilities(current, design);
  if (reasons.length > 0) {
    const table = nameFor([...taken, current.name]);
    return {
      action: "new_table",
      table,
      statements: [createTableSql(schema, table, design)],
      notes: [`breaking change (${reasons.join("; ")}): new table ${table}; ${current.name} stays readable`],
    };
  }
  const statements: string[] = [];
  const notes: string[] = [];
  const have = new Map(current.columns.map((c) => [c.name, c]));
  const target = qualified(schema, current.name);
  for (const d of design.columns) {
    const c = have.get(d.name);
    if (!c) {
      statements.push(`ALTER TABLE ${target} ADD COLUMN IF NOT EXISTS ${columnSql(d)}`);
      notes.push(`add column ${d.name} ${d.type}`);
    } else if (c.notNull && !d.notNull && !design.primaryKey.includes(d.name)) {
      statements.push(`ALTER TABLE ${target} ALTER COLUMN ${quoteIdent(d.name)} DROP NOT NULL`);
      notes.push(`column ${d.name} is now optional`);
    }
  }
  return statements.length > 0
    ? { action: "alter", table: current.name, statements, notes }
    : { action: "unchanged", table: current.name, statements, notes: [`table ${current.name} already matches the spec`] };
}
