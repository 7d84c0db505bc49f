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
import { queryWords, toPrefixTsQuery, type SearchQuery, type Sort } from "@/lib/products/search-query";
import type { Classification, LifecycleState } from "@/lib/products/types";

/** Counting stops here; the UI then says "1,000+" and pages through the best-ranked ones. */
const COUNT_CAP = 1000;
/** Extra candidates when the words match more than the cap: products whose name holds the words. */
const NAME_HITS = 500;
const TYPO_HITS = 100;
/** Typo matches are added when the words find fewer products than this. */
const TYPO_BELOW = 20;

/** A result also names its schema fields, so the catalog can say "matched field customer_email". */
export type SearchHit = ProductSummary & {
  fields: string[];
  /** reads in the last 30 days (lib/metrics/usage-rank.ts) */ reads30d: number;
};
export type SearchResult = {
  items: SearchHit[];
  total: number;
  totalIsCapped: boolean;
  page: number;
  pageSize: number;
  /** "Did you mean": the query with each unknown word replaced by the closest known one (no result only). */
  suggestion?: string;
  /** Only when asked for (the catalog page): counts beside each filter value. */
  facets?: Facets;
};

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
  reads_30d: number;
  field_names: string[] | null;
};

// The names a page's rows are searched by (data_products.field_names: a declared contract's dataset and property
// names at every depth, or a seed-format product's fields), for "Matched field latitude". Read from the row the
// page reads anyway: parsing each spec's JSON detoasted the whole document, 18 of a 28 ms search at 100k products.
const FIELD_NAMES = Prisma.sql`string_to_array(nullif(p.field_names, ''), ' ') AS field_names`;

/** Beside each filter value, how many products the search would find with it (the other filters kept). */
export type Facets = {
  classification: Record<string, number>;
  lifecycle: Record<string, number>;
  /** The most used tags among the matches, most used first. */
  tags: { tag: string; n: number }[];
};
const TOP_TAGS = 15;

function filters(query: SearchQuery): Prisma.Sql {
  const where: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (query.domain) where.push(Prisma.sql`p.domain_id = (SELECT id FROM domains WHERE slug = ${query.domain})`);
  if (query.classification) where.push(Prisma.sql`p.classification = ${query.classification}::"Classification"`);
  if (query.lifecycle) where.push(Prisma.sql`p.lifecycle = ${query.lifecycle}::"Lifecycle"`);
  if (query.owner) where.push(Prisma.sql`p.owner ILIKE ${`%${escapeLike(query.owner)}%`}`);
  if (query.tag) where.push(Prisma.sql`${query.tag} = ANY(p.tags)`);
  return Prisma.join(where, " AND ");
}

/**
 * Facet counts for the catalog's filters: for each facet, the products matching the words and every
 * other filter, grouped by that facet's value (a facet's own filter is left out, so its other values
 * still show what choosing them would give). Word matches only (typo matches are not counted).
 */
export async function searchFacets(query: SearchQuery): Promise<Facets> {
  const ts = toPrefixTsQuery(query.q);
  const text = ts ? Prisma.sql`p.search_vector @@ to_tsquery('simple', ${ts})` : Prisma.sql`TRUE`;
  const rows = await db.$queryRaw<{ facet: string; value: string; n: number }[]>(Prisma.sql`
    SELECT 'classification' AS facet, p.classification::text AS value, count(*)::int AS n FROM data_products p
    WHERE ${text} AND ${filters({ ...query, classification: undefined })} GROUP BY 2
    UNION ALL
    SELECT 'lifecycle', p.lifecycle::text, count(*)::int FROM data_products p
    WHERE ${text} AND ${filters({ ...query, lifecycle: undefined })} GROUP BY 2
    UNION ALL
    (SELECT 'tag', t, count(*)::int FROM data_products p, unnest(p.tags) t
     WHERE ${text} AND ${filters({ ...query, tag: undefined })} GROUP BY 2 ORDER BY 3 DESC, 2 LIMIT ${TOP_TAGS})`);
  const facets: Facets = { classification: {}, lifecycle: {}, tags: [] };
  for (const r of rows) {
    if (r.facet === "tag") facets.tags.push({ tag: r.value, n: r.n });
    else facets[r.facet as "classification" | "lifecycle"][r.value] = r.n;
  }
  return facets;
}

const PAGE_COLUMNS = Prisma.sql`p.id, d.slug AS domain, p.name, p.description, p.owner, p.classification::text, p.lifecycle::text, p.current_version, p.tags, p.updated_at, to_char(p.sunset_on, 'YYYY-MM-DD') AS sunset_on, p.reads_30d, ${FIELD_NAMES}`;

/** The order of a page, over `p` (the product or candidate row, with `rank` when there is text) and `d` (its domain). */
function orderBy(sort: Sort, ranked: boolean): Prisma.Sql {
  if (sort === "name") return Prisma.sql`p.name ASC, d.slug ASC`;
  if (sort === "usage") return Prisma.sql`p.reads_30d DESC, p.updated_at DESC, p.id`;
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
  // Usage counts as well as text: log10(1 + reads in 30 days) ÷ 10, so 10 reads add 0.1 and 1,000 add 0.3 —
  // enough to order products that match about equally well, never to lift a poor match over a good one.
  const usage = Prisma.sql`log(1 + p.reads_30d::float8) / 10`;
  const rank = Prisma.sql`ts_rank_cd(p.search_vector, to_tsquery('simple', ${ts})) + similarity(p.name, ${text}) + ${usage}`;
  // Typos are matched against the words of the name (word similarity), so "custmer" finds
  // "customer-data-product" although the whole names are far apart.
  return Prisma.sql`
    WITH any_hits AS (
      SELECT p.id, p.domain_id, p.name, p.updated_at, p.reads_30d, ${rank} AS rank FROM data_products p
      WHERE p.search_vector @@ to_tsquery('simple', ${ts}) AND ${where} LIMIT ${COUNT_CAP + 1}
    ),
    matched AS (SELECT count(*)::int AS n FROM any_hits),
    name_hits AS (
      SELECT p.id, p.domain_id, p.name, p.updated_at, p.reads_30d, ${rank} AS rank FROM data_products p
      WHERE (SELECT n FROM matched) > ${COUNT_CAP} AND p.name_vector @@ to_tsquery('simple', ${ts}) AND ${where} LIMIT ${NAME_HITS}
    ),
    typos AS (
      SELECT p.id, p.domain_id, p.name, p.updated_at, p.reads_30d, word_similarity(${text}, p.name) + ${usage} AS rank FROM data_products p
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
           p.id, page.slug AS domain, p.name, p.description, p.owner, p.classification::text, p.lifecycle::text, p.current_version, p.tags, p.updated_at, to_char(p.sunset_on, 'YYYY-MM-DD') AS sunset_on, p.reads_30d,
           ${FIELD_NAMES}
    FROM (SELECT 1) one LEFT JOIN (page JOIN data_products p ON p.id = page.id) ON TRUE
    ORDER BY page.pos`;
}

/**
 * The closest words the catalog knows (words of product names, tags and every dataset's property names; trigram
 * similarity) for the query's words, or undefined when none is close or nothing would change. It asks the
 * vocabulary the database keeps as products are written (catalog_words, migration 20261205020000_catalog_words;
 * words no product has any more leave it at the hourly refreshCatalogWords) through its trigram index. It runs
 * only when a search found nothing (and its answer is cached with it).
 */
export async function suggestSpelling(q: string | undefined): Promise<string | undefined> {
  const words = queryWords(q);
  if (words.length === 0) return undefined;
  const rows = await db.$queryRaw<{ word: string; best: string | null }[]>(Prisma.sql`
    SELECT t.word,
           CASE WHEN EXISTS (SELECT 1 FROM catalog_words v WHERE v.word LIKE t.word || '%') THEN NULL
                ELSE (SELECT v.word FROM catalog_words v WHERE v.word % t.word AND similarity(v.word, t.word) > 0.3
                       ORDER BY similarity(v.word, t.word) DESC, v.word LIMIT 1) END AS best
    FROM unnest(${words}::text[]) WITH ORDINALITY AS t(word, n) ORDER BY t.n`);
  const fixed = rows.map((r) => r.best ?? r.word);
  return rows.some((r) => r.best !== null) ? fixed.join(" ") : undefined;
}

export async function searchProducts(query: SearchQuery, opts: { facets?: boolean } = {}): Promise<SearchResult> {
  const [rows, facets] = await Promise.all([db.$queryRaw<Row[]>(buildSearchSql(query)), opts.facets ? searchFacets(query) : undefined]);
  const n = rows[0]?.total ?? 0;
  const suggestion = n === 0 && query.q ? await suggestSpelling(query.q) : undefined;
  return {
    ...(suggestion ? { suggestion } : {}),
    ...(facets ? { facets } : {}),
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
              reads30d: r.reads_30d,
              fields: (r.field_names ?? []).filter((f): f is string => typeof f === "string"),
            },
          ],
    ),
  };
}
