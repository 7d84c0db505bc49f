// Reading rollups for a set of labelled "pieces" (a day, an ISO week or a calendar month): every figure
// of a period is the sum (or, for consumers, the DISTINCT) over the pieces that tile it, so a dashboard
// issues a few primary-key lookups per figure whatever the range and the number of recorded events.
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { ACTIVE_CONSUMER_TYPE, type Grain } from "@/lib/metrics/rollup-keys";
import { addDays, bucketStart, buckets, coverRange, type DateRange, type Granularity } from "@/lib/metrics/period";

export type Piece = { label: string; grain: Grain; start: string };

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
 * Σcount / Σsum / Σflagged per label, base type, domain and product. Each (piece, type, domain, product)
 * is one primary-key lookup on metric_rollups(day, type, domain_id, product_id).
 */
export async function readSums(pieces: Piece[], types: string[], scope: { domainIds: string[]; productIds?: string[] }): Promise<SumRow[]> {
  if (pieces.length === 0 || types.length === 0) return [];
  return db.$queryRaw<SumRow[]>`
    SELECT p.label, t.base AS type, r.domain_id AS "domainId", r.product_id AS "productId",
           sum(r.count)::float8 AS count, sum(r.sum)::float8 AS sum, sum(r.flagged)::float8 AS flagged
    FROM jsonb_to_recordset(${JSON.stringify(pieces)}::jsonb) AS p(label text, grain text, start date)
    CROSS JOIN unnest(${types}::text[]) AS t(base)
    CROSS JOIN LATERAL (
      SELECT r.domain_id, r.product_id, r.count, r.sum, r.flagged FROM metric_rollups r
      WHERE r.day = p.start
        AND r.type = CASE p.grain WHEN 'day' THEN t.base ELSE t.base || '@' || p.grain END
        AND r.domain_id = ANY(${scope.domainIds}::text[])
        AND r.product_id = ANY(${scope.productIds ?? [""]}::text[])
      OFFSET 0 -- a fence: the planner must probe the primary key per piece, never fall back to scanning the table
    ) r
    GROUP BY 1, 2, 3, 4`;
}

/**
 * Distinct consumers per label and domain ("" = the whole mesh): DISTINCT over the pieces' user sets. A
 * label made of one piece is a plain row count (a piece holds each user once); only labels of several
 * pieces need the DISTINCT, done as a hash aggregate.
 */
export async function readDistinctConsumers(
  pieces: Piece[],
  domainIds: string[],
): Promise<Array<{ label: string; domainId: string; n: number }>> {
  if (pieces.length === 0) return [];
  const perLabel = new Map<string, number>();
  for (const p of pieces) perLabel.set(p.label, (perLabel.get(p.label) ?? 0) + 1);
  const single = pieces.filter((p) => perLabel.get(p.label) === 1);
  const multi = pieces.filter((p) => (perLabel.get(p.label) ?? 0) > 1);
  const join = (list: Piece[]) => Prisma.sql`
    FROM jsonb_to_recordset(${JSON.stringify(list)}::jsonb) AS p(label text, grain text, start date)
    CROSS JOIN LATERAL (
      SELECT r.domain_id, r.product_id FROM metric_rollups r
      WHERE r.day = p.start
        AND r.type = CASE p.grain WHEN 'day' THEN ${ACTIVE_CONSUMER_TYPE} ELSE ${ACTIVE_CONSUMER_TYPE} || '@' || p.grain END
        AND r.domain_id = ANY(${domainIds}::text[])
      OFFSET 0 -- primary-key probes per piece (index-only), never a table scan
    ) r`;
  const [a, b] = await Promise.all([
    single.length
      ? db.$queryRaw<
          Array<{ label: string; domainId: string; n: number }>
        >`SELECT p.label, r.domain_id AS "domainId", count(*)::int AS n ${join(single)} GROUP BY 1, 2`
      : Promise.resolve([]),
    multi.length
      ? db.$queryRaw<Array<{ label: string; domainId: string; n: number }>>`
          SELECT label, "domainId", count(*)::int AS n
          FROM (SELECT DISTINCT p.label, r.domain_id AS "domainId", r.product_id ${join(multi)}) d
          GROUP BY 1, 2`
      : Promise.resolve([]),
  ]);
  return [...a, ...b];
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
