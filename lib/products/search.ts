// Catalog search: PostgreSQL full text (prefix, weighted: name > tags/fields > description) plus trigram
// similarity for typos in names, with filters, sort and pagination — one statement, one round trip.
//
// Built for 100k+ products: a broad word ("customer") can match every product, and ranking every match is
// what makes catalogs slow. So candidates come from bounded index scans — name hits (their own GIN-indexed
// name vector), any hit — ranked together; the total is counted only up to COUNT_CAP ("1,000+"). Typo
// matches (trigram similarity on the name) are looked for only when the words themselves find less than a
// page: a similarity scan costs far more per row than a vector match, and with a page of exact hits the
// reader does not need "did you mean" results.
import "server-only";
import { db } from "@/lib/db";
import { escapeLike } from "@/lib/like";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ProductSummary } from "@/lib/products/dto";
import { toPrefixTsQuery, type SearchQuery, type Sort } from "@/lib/products/search-query";
import type { Classification, LifecycleState } from "@/lib/products/types";

/** Counting stops here; the UI then says "1,000+" and pages through the best-ranked ones. */
const COUNT_CAP = 1000;
/** Extra candidates when the words match more than the cap: products whose name holds the words. */
const NAME_HITS = 500;
const TYPO_HITS = 100;
/** Typo matches are added when the words find fewer products than this. */
const TYPO_BELOW = 20;

export type SearchResult = { items: ProductSummary[]; total: number; totalIsCapped: boolean; page: number; pageSize: number };

type Row = {
  total: number;
  id: string | null;
  domain: string;
  name: string;
  description: string;
  owner: string;
  classification: string;
  lifecycle: string;
  current_version: string;
  tags: string[];
  updated_at: Date;
  sunset_on: string | null;
};

function filters(query: SearchQuery): Prisma.Sql {
  const where: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (query.domain) where.push(Prisma.sql`p.domain_id = (SELECT id FROM domains WHERE slug = ${query.domain})`);
  if (query.classification) where.push(Prisma.sql`p.classification = ${query.classification}::"Classification"`);
  if (query.lifecycle) where.push(Prisma.sql`p.lifecycle = ${query.lifecycle}::"Lifecycle"`);
  if (query.owner) where.push(Prisma.sql`p.owner ILIKE ${`%${escapeLike(query.owner)}%`}`);
  return Prisma.join(where, " AND ");
}

const PAGE_COLUMNS = Prisma.sql`p.id, d.slug AS domain, p.name, p.description, p.owner, p.classification::text, p.lifecycle::text, p.current_version, p.tags, p.updated_at, to_char(p.sunset_on, 'YYYY-MM-DD') AS sunset_on`;

/** The order of a page, over `p` (the product or candidate row, with `rank` when there is text) and `d` (its domain). */
function orderBy(sort: Sort, ranked: boolean): Prisma.Sql {
  if (sort === "name") return Prisma.sql`p.name ASC, d.slug ASC`;
  if (sort === "domain") return Prisma.sql`d.slug ASC, p.name ASC`;
  if (sort === "relevance" && ranked) return Prisma.sql`p.rank DESC, p.updated_at DESC, p.id`;
  return Prisma.sql`p.updated_at DESC, p.id`;
}

/**
 * One statement that returns the page's rows, each carrying `total` (capped at COUNT_CAP + 1). When the
 * page is past the last result it returns a single row with `total` and a null id.
 */
export function buildSearchSql(query: SearchQuery): Prisma.Sql {
  const ts = toPrefixTsQuery(query.q);
  const text = query.q?.trim() ?? "";
  const where = filters(query);
  const offset = (query.page - 1) * query.pageSize;
  const order = orderBy(query.sort ?? "relevance", ts !== null);

  if (!ts) {
    return Prisma.sql`
      WITH matched AS (
        SELECT count(*)::int AS n FROM (SELECT 1 FROM data_products p WHERE ${where} LIMIT ${COUNT_CAP + 1}) m
      ),
      page AS (
        SELECT ${PAGE_COLUMNS}
        FROM data_products p JOIN domains d ON d.id = p.domain_id
        WHERE ${where}
        ORDER BY ${order}
        LIMIT ${query.pageSize} OFFSET ${offset}
      )
      SELECT matched.n AS total, page.* FROM matched LEFT JOIN page ON TRUE`;
  }

  // The rank is computed where each candidate row is already read, so ranking needs no second visit.
  const rank = Prisma.sql`ts_rank_cd(p.search_vector, to_tsquery('simple', ${ts})) + similarity(p.name, ${text})`;
  // Typos are matched against the words of the name (word similarity), so "custmer" finds
  // "customer-data-product" although the whole names are far apart.
  return Prisma.sql`
    WITH any_hits AS (
      SELECT p.id, p.domain_id, p.name, p.updated_at, ${rank} AS rank FROM data_products p
      WHERE p.search_vector @@ to_tsquery('simple', ${ts}) AND ${where} LIMIT ${COUNT_CAP + 1}
    ),
    matched AS (SELECT count(*)::int AS n FROM any_hits),
    name_hits AS (
      SELECT p.id, p.domain_id, p.name, p.updated_at, ${rank} AS rank FROM data_products p
      WHERE (SELECT n FROM matched) > ${COUNT_CAP} AND p.name_vector @@ to_tsquery('simple', ${ts}) AND ${where} LIMIT ${NAME_HITS}
    ),
    typos AS (
      SELECT p.id, p.domain_id, p.name, p.updated_at, word_similarity(${text}, p.name) AS rank FROM data_products p
      WHERE (SELECT n FROM matched) < ${TYPO_BELOW} AND ${text} <% p.name AND ${where} LIMIT ${TYPO_HITS}
    ),
    -- every hit once, with its best rank; its size is the total (any_hits alone unless typos or name hits joined)
    candidates AS (
      SELECT DISTINCT ON (id) * FROM (SELECT * FROM name_hits UNION ALL SELECT * FROM any_hits UNION ALL SELECT * FROM typos) u
      ORDER BY id, rank DESC
    ),
    page AS (
      SELECT p.id, d.slug, row_number() OVER (ORDER BY ${order}) AS pos
      FROM candidates p JOIN domains d ON d.id = p.domain_id
      ORDER BY ${order}
      LIMIT ${query.pageSize} OFFSET ${offset}
    )
    SELECT (SELECT count(*)::int FROM candidates) AS total,
           p.id, page.slug AS domain, p.name, p.description, p.owner, p.classification::text, p.lifecycle::text, p.current_version, p.tags, p.updated_at, to_char(p.sunset_on, 'YYYY-MM-DD') AS sunset_on
    FROM (SELECT 1) one LEFT JOIN (page JOIN data_products p ON p.id = page.id) ON TRUE
    ORDER BY page.pos`;
}

export async function searchProducts(query: SearchQuery): Promise<SearchResult> {
  const rows = await db.$queryRaw<Row[]>(buildSearchSql(query));
  const n = rows[0]?.total ?? 0;
  return {
    total: Math.min(n, COUNT_CAP),
    totalIsCapped: n > COUNT_CAP,
    page: query.page,
    pageSize: query.pageSize,
    items: rows.flatMap((r) =>
      r.id === null
        ? []
        : [
            {
              id: r.id,
              domain: r.domain,
              name: r.name,
              description: r.description,
              owner: r.owner,
              classification: r.classification as Classification,
              lifecycle: r.lifecycle as LifecycleState,
              version: r.current_version,
              tags: r.tags,
              updatedAt: r.updated_at.toISOString(),
              sunsetOn: r.sunset_on,
            },
          ],
    ),
  };
}
