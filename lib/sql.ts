// Small pieces of raw SQL that several areas share: one-statement reads, and many rows in one INSERT.
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * A timestamp column as the string Date#toISOString gives, built in SQL so nested JSON carries it as is.
 * Prisma stores UTC in `timestamp(3)` columns without a zone, so the column's value is the UTC time.
 */
export function isoTimestamp(column: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/** A table's columns and their PostgreSQL types, as jsonb_to_recordset reads them (`["decision", '"Decision"']`). */
export type Columns = readonly (readonly [name: string, type: string])[];

/**
 * One INSERT … SELECT FROM jsonb_to_recordset($1): the rows travel as one JSON parameter, so a batch costs one
 * round trip and one statement whatever its size (Prisma's createMany binds every value separately and builds the
 * statement in the client). Table and column names are the caller's constants, never input; every value is in the
 * parameter. `newIds`: the table's uuid `id` is generated (gen_random_uuid()).
 */
export async function bulkInsert(
  client: { $executeRawUnsafe: (sql: string, ...values: unknown[]) => Promise<number> },
  table: string,
  columns: Columns,
  rows: Record<string, unknown>[],
  newIds = true,
): Promise<void> {
  if (rows.length === 0) return;
  const names = columns.map(([name]) => `"${name}"`).join(", ");
  const typed = columns.map(([name, type]) => `"${name}" ${type}`).join(", ");
  const sql = newIds
    ? `INSERT INTO "${table}" ("id", ${names}) SELECT gen_random_uuid(), ${names} FROM jsonb_to_recordset($1::jsonb) AS x(${typed})`
    : `INSERT INTO "${table}" (${names}) SELECT ${names} FROM jsonb_to_recordset($1::jsonb) AS x(${typed})`;
  await client.$executeRawUnsafe(sql, JSON.stringify(rows));
}
