// Reading rollups for a set of labelled "pieces" (a day, an ISO week or a calendar month): every figure
// of a period is the sum (or, for consumers, the union of bitmaps) over the pieces that tile it, so a dashboard
// issues a few primary-key lookups per figure whatever the range and the number of recorded events.
import "server-only";
import { db } from "@/lib/db";
import { grainType, type Grain } from "@/lib/metrics/rollup-keys";
import { addDays, bucketStart, buckets, coverRange, type DateRange, type Granularity } from "@/lib/metrics/period";

/** A piece of a labelled period; `types` (when set) are the only rollup types read for it. */
export type Piece = { label: string; grain: Grain; start: string; types?: string[] };

/** The same pieces, each reading only `types` (a chart series needs fewer types than the period's tiles). */
export function withTypes(pieces: Piece[], types: readonly string[]): Piece[] {
  return pieces.map((p) => ({ ...p, types: [...types] }));
}

/** The pieces that tile a range, under one label. Product-scope rows have no week grain. */
export function rangePieces(label: string, r: { from: string; to: string }, opts: { weeks?: boolean } = {}): Piece[] {
  const c = coverRange(r.from, r.to, opts);
  return [
    ...c.months.map((start) => ({ label, grain: "month" as const, start })),
    ...c.weeks.map((start) => ({ label, grain: "week" as const, start })),
    ...c.days.map((start) => ({ label, grain: "day" as const, start })),
  ];
}

/** One label per chart bucket ("<prefix><bucket start>"), each tiled within the range (edge buckets are partial). */
export function seriesPieces(prefix: string, range: DateRange, g: Granularity): Piece[] {
  return buckets(range.from, range.to, g).flatMap((b) => {
    const end = g === "day" ? b : g === "week" ? addDays(b, 6) : addDays(bucketStart(addDays(b, 31), "month"), -1);
    return rangePieces(`${prefix}${b}`, { from: b < range.from ? range.from : b, to: end > range.to ? range.to : end });
  });
}

export type SumRow = { label: string; type: string; domainId: string; productId: string; count: number; sum: number; flagged: number };

/**
 * Σcount / Σsum / Σflagged per label, base type, domain and product, in one statement on metric_rollups'
 * primary key (day, type, domain_id, product_id). A piece reads its own `types`, else `types`: a counter type
 * is one equality probe per piece, domain and product; the buckets of a latency histogram ("<type>:le:<bound>")
 * are one range scan over the type names between the lowest and the highest bucket name of that histogram
 * (bounds and the exact-name filter both taken in the database's collation), so a histogram costs one index
 * descent per piece instead of one per bucket.
 */
export async function readSums(pieces: Piece[], types: string[], scope: { domainIds: string[]; productIds?: string[] }): Promise<SumRow[]> {
  if (pieces.length === 0) return [];
  const exact: Array<{ label: string; start: string; types: string[] }> = [];
  const ranged: typeof exact = [];
  for (const p of pieces) {
    const families = new Map<string, string[]>();
    const single: string[] = [];
    for (const t of p.types ?? types) {
      const name = grainType(t, p.grain);
      const i = t.indexOf(":le:");
      if (i < 0) single.push(name);
      else families.set(t.slice(0, i), [...(families.get(t.slice(0, i)) ?? []), name]);
    }
    if (single.length) exact.push({ label: p.label, start: p.start, types: single });
    for (const names of families.values()) ranged.push({ label: p.label, start: p.start, types: names });
  }
  const products = scope.productIds ?? [""];
  return db.$queryRaw<SumRow[]>`
    SELECT label, split_part(type, '@', 1) AS type, domain_id AS "domainId", product_id AS "productId",
           sum(count)::float8 AS count, sum(sum)::float8 AS sum, sum(flagged)::float8 AS flagged
    FROM (
      SELECT p.label, r.*
      FROM jsonb_to_recordset(${JSON.stringify(exact)}::jsonb) AS p(label text, start date, types text[])
      CROSS JOIN unnest(${scope.domainIds}::text[]) AS d(id)
      CROSS JOIN unnest(${products}::text[]) AS pr(id)
      CROSS JOIN LATERAL (
        SELECT r.type, r.domain_id, r.product_id, r.count, r.sum, r.flagged FROM metric_rollups r
        WHERE r.day = p.start AND r.type = ANY(p.types) AND r.domain_id = d.id AND r.product_id = pr.id
        OFFSET 0 -- a fence: primary-key probes per piece, domain and product, never a scan of the table
      ) r
      UNION ALL
      SELECT p.label, r.*
      FROM jsonb_to_recordset(${JSON.stringify(ranged)}::jsonb) AS p(label text, start date, types text[])
      CROSS JOIN LATERAL (SELECT min(x) AS lo, max(x) AS hi FROM unnest(p.types) AS x) b
      CROSS JOIN unnest(${scope.domainIds}::text[]) AS d(id)
      CROSS JOIN unnest(${products}::text[]) AS pr(id)
      CROSS JOIN LATERAL (
        SELECT r.type, r.domain_id, r.product_id, r.count, r.sum, r.flagged FROM metric_rollups r
        WHERE r.day = p.start AND r.type BETWEEN b.lo AND b.hi AND r.domain_id = d.id AND r.product_id = pr.id
          AND (r.type || '') = ANY(p.types) -- the exact names, checked on the rows found (not an index condition)
        OFFSET 0
      ) r
    ) x
    GROUP BY 1, 2, 3, 4`;
}

/**
 * Distinct consumers per label and domain ("" = the whole mesh): per label, the OR of its pieces' bitmaps
 * (metric_consumer_sets, one primary-key probe per piece and chunk), then its popcount. Labels nobody read in
 * are absent (callers read them as 0).
 */
export async function readDistinctConsumers(
  pieces: Piece[],
  domainIds: string[],
): Promise<Array<{ label: string; domainId: string; n: number }>> {
  if (pieces.length === 0) return [];
  return db.$queryRaw<Array<{ label: string; domainId: string; n: number }>>`
    SELECT label, domain_id AS "domainId", sum(bit_count(bits))::int AS n
    FROM (
      SELECT p.label, s.domain_id, s.chunk, bit_or(s.bits) AS bits
      FROM jsonb_to_recordset(${JSON.stringify(pieces)}::jsonb) AS p(label text, grain text, start date)
      CROSS JOIN unnest(${domainIds}::text[]) AS d(id)
      CROSS JOIN LATERAL (
        SELECT s.domain_id, s.chunk, s.bits FROM metric_consumer_sets s
        WHERE s.day = p.start AND s.grain = p.grain AND s.domain_id = d.id
        OFFSET 0 -- primary-key probes per piece and domain, never a scan of the table
      ) s
      GROUP BY 1, 2, 3
    ) u
    GROUP BY 1, 2`;
}

export type Totals = { count: number; sum: number; flagged: number };

/** Adds up the rows of one label and type (optionally one domain / product). */
export function totalOf(rows: SumRow[], label: string, type: string, where: { domainId?: string; productId?: string } = {}): Totals {
  const t: Totals = { count: 0, sum: 0, flagged: 0 };
  for (const r of rows) {
    if (r.label !== label || r.type !== type) continue;
    if (where.domainId !== undefined && r.domainId !== where.domainId) continue;
    if (where.productId !== undefined && r.productId !== where.productId) continue;
    t.count += r.count;
    t.sum += r.sum;
    t.flagged += r.flagged;
  }
  return t;
}
