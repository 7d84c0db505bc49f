// The catalog's spelling vocabulary (catalog_words) beside the triggers that add to it: once an hour (the
// usage-rank job) words that no product has any more are removed and any word a product has but the
// vocabulary lacks is added, so "did you mean" never offers a word that finds nothing for longer than an hour.
import "server-only";
import { db } from "@/lib/db";

/**
 * One pass over every product's words (about 4 s at 100,000 products, in the worker, never in a request). A word
 * a concurrent write brings back while this runs may be missing until the next refresh, never longer.
 */
export async function refreshCatalogWords(): Promise<{ wordsRemoved: number; wordsAdded: number }> {
  const [row] = await db.$queryRaw<{ removed: number; added: number }[]>`
    WITH live AS MATERIALIZED (
      SELECT DISTINCT x AS word FROM data_products p, LATERAL catalog_words_of(p.name, p.tags, p.field_names) x
    ), gone AS (
      DELETE FROM catalog_words w WHERE NOT EXISTS (SELECT 1 FROM live WHERE live.word = w.word) RETURNING 1
    ), added AS (
      INSERT INTO catalog_words (word) SELECT word FROM live ON CONFLICT (word) DO NOTHING RETURNING 1
    )
    SELECT (SELECT count(*) FROM gone)::int AS removed, (SELECT count(*) FROM added)::int AS added`;
  return { wordsRemoved: row?.removed ?? 0, wordsAdded: row?.added ?? 0 };
}
