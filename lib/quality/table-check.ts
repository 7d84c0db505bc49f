// What a quality check measures on a provisioned table, as pure SQL building and arithmetic (a product with
// several datasets: pooled over their tables, metricsFromTotals):
//   completeness = non-NULL cells ÷ all cells of the spec's fields present in the table
//   accuracy     = well-formed cells ÷ non-NULL text and number cells (text not blank, numbers finite)
//   consistency  = spec fields present in the table with the expected PostgreSQL type ÷ spec fields
// (required fields are NOT NULL in provisioned tables, so completeness is driven by optional fields.)
import type { FieldType } from "@/lib/products";
import { qualified, quoteIdent, columnTypeFor } from "@/lib/provisioning";

export type SpecField = { name: string; type: FieldType; physicalType?: string };
export type TableColumn = { name: string; dataType: string };

/** Fields present in the table (by name), and how many of the spec's fields have the expected type. */
export function matchColumns(fields: SpecField[], columns: TableColumn[]): { present: SpecField[]; typed: number } {
  const byName = new Map(columns.map((c) => [c.name, c.dataType]));
  const present = fields.filter((f) => byName.has(f.name));
  // The expected type is the one the provisioning step creates for the field; information_schema's data_type
  // has no modifiers (numeric, character varying), so those are compared without theirs.
  const typed = present.filter((f) => byName.get(f.name) === columnTypeFor(f).replace(/\(.*\)$/, "")).length;
  return { present, typed };
}

/**
 * One aggregate query over the table: row count, non-NULL count per field, and malformed counts for text
 * (blank) and number (NaN / ±Infinity) fields. Identifiers are quoted; no user text reaches the SQL.
 */
export function checkQuery(schema: string, table: string, present: SpecField[]): string {
  return `SELECT ${checkAggregates(present).join(", ")} FROM ${qualified(schema, table)}`;
}

/** The select list of checkQuery, so the monitor can measure these and the contract's rules in one scan. */
export function checkAggregates(present: SpecField[]): string[] {
  const parts = ["count(*)::bigint AS rows"];
  present.forEach((f, i) => {
    const col = quoteIdent(f.name);
    parts.push(`count(${col})::bigint AS nn_${i}`);
    if (f.type === "string") parts.push(`count(*) FILTER (WHERE btrim(${col}) = '')::bigint AS bad_${i}`);
    if (f.type === "number")
      parts.push(`count(*) FILTER (WHERE ${col} IN ('NaN'::float8, 'Infinity'::float8, '-Infinity'::float8))::bigint AS bad_${i}`);
  });
  return parts;
}

/** One table's raw counts: what metricsFromTotals pools over a product's datasets. */
export type TableCounts = { rows: number; cells: number; nonNull: number; checked: number; bad: number; typed: number; fields: number };

/** The counts of one table from its aggregate row (checkAggregates) and matchColumns' result. */
export function countsFrom(
  fields: SpecField[],
  present: SpecField[],
  typed: number,
  row: Record<string, bigint | number | null>,
): TableCounts {
  const rows = Number(row.rows ?? 0);
  let nonNull = 0;
  let checked = 0;
  let bad = 0;
  present.forEach((f, i) => {
    const nn = Number(row[`nn_${i}`] ?? 0);
    nonNull += nn;
    if (f.type === "string" || f.type === "number") {
      checked += nn;
      bad += Number(row[`bad_${i}`] ?? 0);
    }
  });
  return { rows, cells: rows * present.length, nonNull, checked, bad, typed, fields: fields.length };
}

export type TableMetrics = { completeness: number; accuracy: number; consistency: number; rows: number };

/**
 * The three metrics over one or more tables (a product's datasets), pooled: completeness over all their cells,
 * accuracy over all their checked cells, consistency over all their fields. So each dataset weighs by its cells
 * (rows × fields) for completeness and accuracy and by its fields for consistency: an empty dataset does not
 * drag completeness down, a dataset whose columns drifted lowers consistency in proportion to its fields.
 */
export function metricsFromTotals(tables: readonly TableCounts[]): TableMetrics {
  const sum = (k: keyof TableCounts) => tables.reduce((n, t) => n + t[k], 0);
  const [cells, nonNull, checked, bad, typed, fields] = [
    sum("cells"),
    sum("nonNull"),
    sum("checked"),
    sum("bad"),
    sum("typed"),
    sum("fields"),
  ];
  return {
    completeness: cells > 0 ? (100 * nonNull) / cells : 100,
    accuracy: checked > 0 ? (100 * (checked - bad)) / checked : 100,
    consistency: fields > 0 ? (100 * typed) / fields : 100,
    rows: sum("rows"),
  };
}

/** A product's figures from its datasets' counts: the pooled metrics, and each dataset's own when there are several. */
export function poolDatasets(measured: ReadonlyArray<{ key: string; counts: TableCounts }>): {
  metrics: TableMetrics;
  datasets?: Array<{ key: string; rows: number; metrics: Omit<TableMetrics, "rows"> }>;
} {
  const metrics = metricsFromTotals(measured.map((d) => d.counts));
  if (measured.length < 2) return { metrics };
  return {
    metrics,
    datasets: measured.map(({ key, counts }) => {
      const { rows, ...own } = metricsFromTotals([counts]);
      return { key, rows, metrics: own };
    }),
  };
}
