// How the names in a spec become PostgreSQL identifiers when the product is provisioned. Validation
// (schema.ts, also run in the browser) and provisioning (lib/provisioning/naming.ts) share this one
// mapping, so a spec that passes validation never meets a name clash in the database.

/** A DNS label or role name as an identifier part: lowercase, [a-z0-9_] only (`data-producer` → `data_producer`). */
export function identifierPart(raw: string): string {
  return raw
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, "_")
    .replace(/_+/g, "_")
    .replace(/^_|_$/g, "");
}

/** Columns the platform adds to provisioned tables (lib/provisioning/table-design.ts): the load time, a surrogate key. */
export const LOADED_AT = "_loaded_at";
export const ROW_ID = "_row_id";
export const PLATFORM_COLUMNS: readonly string[] = [LOADED_AT, ROW_ID];

// PostgreSQL's system columns exist on every table, so CREATE TABLE refuses a column of that name; `oid`
// stopped being one in PostgreSQL 12 but still is on older servers and in every tool's eyes.
export const SYSTEM_COLUMNS = ["tableoid", "xmin", "cmin", "xmax", "cmax", "ctid", "oid"] as const;

const RESERVED = new Set<string>([...PLATFORM_COLUMNS, ...SYSTEM_COLUMNS]);

/** Fields are columns under their own (lowercase) name; true when that column name is not available. */
export function isReservedColumnName(fieldName: string): boolean {
  return RESERVED.has(fieldName.toLowerCase());
}
