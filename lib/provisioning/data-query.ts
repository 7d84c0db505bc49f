// The data API's query language (pure): field selection, filters (eq, ne, in, gt/gte/lt/lte ranges, null),
// sort and an opaque keyset cursor, parsed from URL parameters against the product's fields, and turned
// into one parameterised SELECT on the serving view. Every refusal is a ValidationError naming the
// parameter, so a caller gets a 400 that says what to fix, never a database error.
import { ValidationError } from "@/lib/errors";
import type { FieldType, ProductField } from "@/lib/products";
import { quoteIdent } from "./naming";
import { PG_TYPES } from "./table-design";

export const MAX_PAGE_ROWS = 1000;
/** NDJSON and CSV pages are streamed from a server-side cursor, so a page may be much larger than a JSON one. */
export const MAX_STREAM_ROWS = 100_000;
export const DEFAULT_PAGE_ROWS = 100;
export const DATA_FORMATS = ["json", "ndjson", "csv"] as const;
export type DataFormat = (typeof DATA_FORMATS)[number];
export const FILTER_OPS = ["eq", "ne", "in", "gt", "gte", "lt", "lte", "null"] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

export type Filter = { field: string; op: FilterOp; values: string[] };
export type SortKey = { field: string; desc: boolean };
export type DataQuery = {
  fields: string[];
  filters: Filter[];
  sort: SortKey[];
  /** Values of the sort keys (then tie-breakers) of the last row of the previous page. */
  after: unknown[] | null;
  limit: number;
};

const bad = (param: string, message: string): never => {
  throw new ValidationError(message, { [param]: [message] });
};

const VALUE_CHECKS: Record<FieldType, ((v: string) => boolean) | null> = {
  string: () => true,
  integer: (v) => /^-?\d{1,18}$/.test(v),
  number: (v) => v.trim() !== "" && Number.isFinite(Number(v)),
  boolean: (v) => v === "true" || v === "false",
  date: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)),
  timestamp: (v) => /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(v) && !Number.isNaN(Date.parse(v)),
  json: null,
};

/** Columns a reader may name: the product's fields and the load time. */
function columnTypes(fields: readonly ProductField[]): Map<string, FieldType> {
  return new Map<string, FieldType>([...fields.map((f) => [f.name, f.type] as const), ["_loaded_at", "timestamp"]]);
}

/**
 * `fields=a,b` · `filter.<field>=<op>:<value>` (repeatable; `in:a,b,c`; `null:true|false`) · `sort=a,-b` ·
 * `limit=1..1000` · `cursor=<opaque>`. Unknown parameters are refused too, so a typo never reads everything.
 */
export function parseDataQuery(
  params: URLSearchParams,
  fields: readonly ProductField[],
  known: readonly string[] = [],
  maxLimit: number = MAX_PAGE_ROWS,
): DataQuery {
  const types = columnTypes(fields);
  for (const key of new Set(params.keys())) {
    if (!key.startsWith("filter.") && !["fields", "sort", "limit", "cursor", ...known].includes(key))
      bad(
        key,
        `Unknown parameter "${key}". Use fields, filter.<field>, sort, limit, cursor${known.length ? `, ${known.join(", ")}` : ""}.`,
      );
  }
  const selected = (params.get("fields") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const f of selected) if (!types.has(f)) bad("fields", `Unknown field "${f}". Fields: ${[...types.keys()].join(", ")}.`);

  const filters: Filter[] = [];
  for (const [key, raw] of params) {
    if (!key.startsWith("filter.")) continue;
    const field = key.slice("filter.".length);
    const type = types.get(field);
    if (!type) bad(key, `Unknown field "${field}" in ${key}.`);
    const colon = raw.indexOf(":");
    const op = (colon < 0 ? raw : raw.slice(0, colon)) as FilterOp;
    const value = colon < 0 ? "" : raw.slice(colon + 1);
    if (!FILTER_OPS.includes(op)) bad(key, `${key}: write <op>:<value> with op one of ${FILTER_OPS.join(", ")} (e.g. eq:42).`);
    if (op === "null") {
      if (value !== "true" && value !== "false") bad(key, `${key}: use null:true or null:false.`);
      filters.push({ field, op, values: [value] });
      continue;
    }
    const check = VALUE_CHECKS[type!];
    if (!check) bad(key, `${key}: ${type} fields can only be filtered with null:true|false.`);
    const values = op === "in" ? value.split(",") : [value];
    if (op === "in" && (values.length === 0 || values.length > 100)) bad(key, `${key}: in: takes 1 to 100 comma-separated values.`);
    for (const v of values) if (!check!(v)) bad(key, `${key}: "${v}" is not a valid ${type} value.`);
    filters.push({ field, op, values });
  }
  if (filters.length > 20) bad("filter", "At most 20 filters.");

  const sort: SortKey[] = [];
  for (const s of (params.get("sort") ?? "")
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean)) {
    const desc = s.startsWith("-");
    const field = desc ? s.slice(1) : s;
    if (!types.has(field)) bad("sort", `Unknown sort field "${field}".`);
    if (types.get(field) === "json") bad("sort", `${field} is a json field and cannot be sorted.`);
    if (sort.some((k) => k.field === field)) bad("sort", `${field} appears twice in sort.`);
    sort.push({ field, desc });
  }

  const rawLimit = params.get("limit");
  let limit = DEFAULT_PAGE_ROWS;
  if (rawLimit !== null) {
    const n = Number(rawLimit);
    if (!/^\d+$/.test(rawLimit) || n < 1 || n > maxLimit) bad("limit", `limit must be a whole number from 1 to ${maxLimit}.`);
    limit = n;
  }

  const cursor = params.get("cursor");
  const after = cursor === null || cursor === "" ? null : decodeCursor(cursor);
  return { fields: selected, filters, sort, after, limit };
}

export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}

function decodeCursor(cursor: string): unknown[] {
  try {
    if (cursor.length > 8192) throw new Error("long");
    const v: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(v) && v.every((x) => x === null || ["string", "number", "boolean"].includes(typeof x))) return v;
  } catch {
    // fall through
  }
  return bad("cursor", "cursor is not one this API handed out: pass nextCursor from the previous page unchanged.");
}

/** The ORDER BY keys: the requested sort, then the primary key (or every column) so the order is total. */
export function orderKeys(query: Pick<DataQuery, "sort">, fields: readonly ProductField[], primaryKey: readonly string[]): SortKey[] {
  const keys = [...query.sort];
  const tie = primaryKey.length > 0 ? primaryKey : [...fields.filter((f) => f.type !== "json").map((f) => f.name), "_loaded_at"];
  for (const f of tie) if (!keys.some((k) => k.field === f)) keys.push({ field: f, desc: false });
  return keys;
}

export type BuiltQuery = {
  text: string;
  values: unknown[];
  keys: SortKey[];
  columns: string[];
  /**
   * The same order and filters, reading only the key columns of the page's last row and of the one after it
   * (`values` with the last one set to limit - 1): the next cursor before the page is streamed.
   */
  boundary: { text: string; values: unknown[] };
};

/**
 * One SELECT on `source` (a quoted, qualified view or table): the filters, the keyset condition after the
 * cursor (PostgreSQL's order: ascending puts NULLs last, descending first) and LIMIT n+1 to know whether
 * a next page exists without counting. Every value is a parameter cast to the column's type.
 */
export function buildSelect(source: string, query: DataQuery, fields: readonly ProductField[], primaryKey: readonly string[]): BuiltQuery {
  const types = columnTypes(fields);
  const values: unknown[] = [];
  const param = (v: unknown, field: string) => {
    values.push(v);
    return `$${values.length}::${PG_TYPES[types.get(field)!]}`;
  };
  const col = quoteIdent;
  const where: string[] = [];
  for (const f of query.filters) {
    const c = col(f.field);
    const sqlOp = { eq: "=", ne: "<>", gt: ">", gte: ">=", lt: "<", lte: "<=" } as const;
    if (f.op === "null") where.push(`${c} IS ${f.values[0] === "true" ? "" : "NOT "}NULL`);
    else if (f.op === "in") where.push(`${c} = ANY(${param(f.values, f.field)}[])`);
    else where.push(`${c} ${sqlOp[f.op]} ${param(f.values[0], f.field)}`);
  }
  const keys = orderKeys(query, fields, primaryKey);
  if (query.after) {
    if (query.after.length !== keys.length) bad("cursor", "cursor does not fit this sort: keep sort unchanged between pages.");
    where.push(`(${keysetCondition(keys, query.after, (v, f) => param(v, f))})`);
  }
  const columns = query.fields.length > 0 ? query.fields : [...fields.map((f) => f.name), "_loaded_at"];
  // The order keys are also read as text (exact: a timestamp keeps its microseconds), for the next cursor;
  // cursorAfter takes them and the rows drop them.
  const keyColumns = keys.map((k, i) => `${col(k.field)}::text AS ${col(`${KEY_PREFIX}${i}`)}`);
  values.push(query.limit + 1);
  const rest =
    ` FROM ${source}` +
    (where.length ? ` WHERE ${where.join(" AND ")}` : "") +
    ` ORDER BY ${keys.map((k) => `${col(k.field)} ${k.desc ? "DESC NULLS FIRST" : "ASC NULLS LAST"}`).join(", ")}`;
  const text = `SELECT ${[...columns.map(col), ...keyColumns].join(", ")}${rest} LIMIT $${values.length}`;
  const boundary = {
    text: `SELECT ${keyColumns.join(", ")}${rest} LIMIT 2 OFFSET $${values.length}`,
    values: [...values.slice(0, -1), query.limit - 1],
  };
  return { text, values, keys, columns, boundary };
}

/** Rows strictly after `after` in the order of `keys`: (k1 > v1) OR (k1 = v1 AND (k2 > v2 OR …)). */
function keysetCondition(keys: SortKey[], after: unknown[], param: (v: unknown, field: string) => string): string {
  const [k, ...rest] = keys;
  const v = after[0];
  const c = quoteIdent(k.field);
  const beyond =
    v === null
      ? k.desc
        ? `${c} IS NOT NULL`
        : "FALSE"
      : k.desc
        ? `${c} < ${param(v, k.field)}`
        : `(${c} > ${param(v, k.field)} OR ${c} IS NULL)`;
  if (rest.length === 0) return beyond;
  const same = v === null ? `${c} IS NULL` : `${c} = ${param(v, k.field)}`;
  return `${beyond} OR (${same} AND (${keysetCondition(rest, after.slice(1), param)}))`;
}

const KEY_PREFIX = "__key_";

/** The cursor of the page's last row: its order keys as text, read by buildSelect's extra columns. */
export function cursorAfter(row: Record<string, unknown>, keys: SortKey[]): string {
  return encodeCursor(keys.map((_, i) => (row[`${KEY_PREFIX}${i}`] ?? null) as unknown));
}

/**
 * A row without the key columns buildSelect added: they are set to undefined, which JSON.stringify leaves
 * out and the CSV writer (which walks the page's columns) never reads. Deleting them instead would turn each
 * row into a slow dictionary-mode object, and serialising 1,000 of those costs about twice as much.
 */
export function withoutKeys(row: Record<string, unknown>, keyCount: number): Record<string, unknown> {
  for (let i = 0; i < keyCount; i++) row[`${KEY_PREFIX}${i}`] = undefined;
  return row;
}

const UTC_TIMESTAMPTZ = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?\+00$/;

/**
 * A timestamptz as `new Date(v).toISOString()` writes it (UTC, milliseconds cut, not rounded), by rewriting
 * PostgreSQL's text when it is already in UTC (the session's time zone is UTC): no Date per row, which
 * costs about a microsecond each on a 100,000-row read. Other text (another time zone, a BC date) goes through Date.
 */
export function isoTimestamptz(v: string): string {
  const m = UTC_TIMESTAMPTZ.exec(v);
  if (!m) return new Date(v).toISOString();
  return `${m[1]}T${m[2]}.${(m[3] ?? "").padEnd(3, "0").slice(0, 3)}Z`;
}
