// Usage in the catalog's ranking: each product's reads over the last 30 days, copied hourly from the
// per-product daily rollups onto data_products.reads_30d (a cron job of the worker; the demo seed runs it
// once). Only rows whose figure changed are written, so an hour without reads writes nothing.
import "server-only";
import { db } from "@/lib/db";

export const USAGE_RANK_DAYS = 30;

/** Recomputes reads_30d for every product; returns how many rows changed. */
export async function refreshUsageRanks(days = USAGE_RANK_DAYS): Promise<number> {
  return db.$executeRaw`
    WITH reads AS (
      SELECT product_id::uuid AS id, sum(count)::int AS n FROM metric_rollups
      WHERE type = 'product_read' AND product_id <> '' AND day > (now() AT TIME ZONE 'UTC')::date - ${days}::int
      GROUP BY product_id
    ),
    wanted AS (
      SELECT p.id, coalesce(r.n, 0) AS n FROM data_products p LEFT JOIN reads r ON r.id = p.id
    )
    UPDATE data_products p SET reads_30d = w.n FROM wanted w
    WHERE p.id = w.id AND p.reads_30d IS DISTINCT FROM w.n`;
}
