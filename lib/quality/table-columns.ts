// The columns of a deployment's dataset tables as the database has them, in one query for all of them (the
// on-demand check and the hourly monitor compare them with the declared fields: matchColumns).
import "server-only";
import { db } from "@/lib/db";
import type { TableColumn } from "./table-check";

export async function tableColumns(schema: string, tables: readonly string[]): Promise<Map<string, TableColumn[]>> {
  const rows = await db.$queryRaw<Array<TableColumn & { table: string }>>`
    SELECT table_name AS "table", column_name AS name, data_type AS "dataType" FROM information_schema.columns
    WHERE table_schema = ${schema} AND table_name = ANY(${[...tables]}::text[])
    ORDER BY ordinal_position`;
  const byTable = new Map<string, TableColumn[]>(tables.map((t) => [t, []]));
  for (const { table, ...column } of rows) byTable.get(table)?.push(column);
  return byTable;
}
