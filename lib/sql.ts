// Small pieces of raw SQL that several areas' one-statement reads share.
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * A timestamp column as the string Date#toISOString gives, built in SQL so nested JSON carries it as is.
 * Prisma stores UTC in `timestamp(3)` columns without a zone, so the column's value is the UTC time.
 */
export function isoTimestamp(column: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}
