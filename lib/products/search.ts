// Catalog search: PostgreSQL full text (prefix, weighted: name > tags/fields > description) plus trigram
// similarity for typos in names, with filters, sort and pagination.
//
// Built for 100k+ products: a broad word ("customer") can match every product, and ranking every match is
// what makes catalogs slow. So candidates come from three bounded index scans — name hits (weight A), any
// hit, name typos — which are ranked together; and the total is counted only up to COUNT_CAP ("1,000+").
import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ProductSummary } from "@/lib/products/dto";
import { toPrefixTsQuery, type SearchQuery } from "@/lib/products/search-query";
import type { Classification, LifecycleState } from "@/lib/products/types";

/** Counting stops here; the UI then says "1,000+" and pages through the best-ranked ones. */
export const COUNT_CAP = 1000;
const NAME_HITS = 500;
const ANY_HITS = 500;
const TYPO_HITS = 100;

export type SearchResult = { items: ProductSummary[]; total: number; totalIsCapped: boolean; page: number; pageSize: number };

type Row = {
  id: string; domain: string; name: string; description: string; owner: string; classification: string;
  lifecycle: string; current_version: string; tags: string[]; updated_at: Date;
};

function filters(query: SearchQuery): Prisma.Sql {
  const where: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (query.domain) where.push(Prisma.sql`d.slug = ${query.domain}`);
  if (query.classification) where.push(Prisma.sql`p.classification = ${query.classification}::"Classification"`);
  if (query.lifecycle) where.push(Prisma.sql`p.lifecycle = ${query.lifecycle}::"Lifecycle"`);
  if (query.owner) where.push(Prisma.sql`p.owner ILIKE ${`%${query.owner.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  return Prisma.join(where, " AND ");
}

/** Restricts a prefix tsquery ("cust:* & loyal:*") to the name weight ("cust:*A & loyal:*A"). */
export function nameOnly(ts: string): string {
  return ts.replace(/:\*/g, ":*A");
}

const SELECT_COLUMNS = Prisma.sql`p.id, d.slug AS domain, p.name, p.description, p.owner, p.classification::text, p.lifecycle::text, p.current_version, p.tags, p.updated_at`;

export function buildSearchSql(query: SearchQuery): Prisma.Sql {
  const ts = toPrefixTsQuery(query.q);
  const text = query.q?.trim() ?? "";
  const where = filters(query);
  const offset = (query.page - 1) * query.pageSize;
  const sort = query.sort ?? (ts ? "relevance" : "updated");

  if (!ts) {
    const order =
      sort === "name" ? Prisma.sql`p.name ASC, d.slug ASC`
      : sort === "domain" ? Prisma.sql`d.slug ASC, p.name ASC`
      : Prisma.sql`p.updated_at DESC, p.id`;
    return Prisma.sql`
      SELECT ${SELECT_COLUMNS}
      FROM data_products p JOIN domains d ON d.id = p.domain_id
      WHERE ${where}
      ORDER BY ${order}
      LIMIT ${query.pageSize} OFFSET ${offset}`;
  }

  const order =
    sort === "name" ? Prisma.sql`name ASC, domain ASC`
    : sort === "domain" ? Prisma.sql`domain ASC, name ASC`
    : sort === "updated" ? Prisma.sql`updated_at DESC, id`
    : Prisma.sql`rank DESC, updated_at DESC, id`;
  return Prisma.sql`
    WITH candidates AS (
      (SELECT p.id FROM data_products p JOIN domains d ON d.id = p.domain_id
        WHERE p.search_vector @@ to_tsquery('simple', ${nameOnly(ts)}) AND ${where} LIMIT ${NAME_HITS})
      UNION
      (SELECT p.id FROM data_products p JOIN domains d ON d.id = p.domain_id
        WHERE p.search_vector @@ to_tsquery('simple', ${ts}) AND ${where} LIMIT ${ANY_HITS})
      UNION
      (SELECT p.id FROM data_products p JOIN domains d ON d.id = p.domain_id
        WHERE p.name % ${text} AND ${where} LIMIT ${TYPO_HITS})
    ),
    ranked AS (
      SELECT ${SELECT_COLUMNS},
             ts_rank_cd(p.search_vector, to_tsquery('simple', ${ts})) + similarity(p.name, ${text}) AS rank
      FROM candidates c JOIN data_products p ON p.id = c.id JOIN domains d ON d.id = p.domain_id
    )
    SELECT * FROM ranked
    ORDER BY ${order}
    LIMIT ${query.pageSize} OFFSET ${offset}`;
}

/** How many products match, counted up to COUNT_CAP + 1 (so "more than the cap" is known without a full count). */
export function buildCountSql(query: SearchQuery): Prisma.Sql {
  const ts = toPrefixTsQuery(query.q);
  const text = query.q?.trim() ?? "";
  const match = ts ? Prisma.sql`(p.search_vector @@ to_tsquery('simple', ${ts}) OR p.name % ${text})` : Prisma.sql`TRUE`;
  return Prisma.sql`
    SELECT count(*)::int AS n FROM (
      SELECT 1 FROM data_products p JOIN domains d ON d.id = p.domain_id
      WHERE ${match} AND ${filters(query)}
      LIMIT ${COUNT_CAP + 1}
    ) m`;
}

export async function searchProducts(query: SearchQuery): Promise<SearchResult> {
  const [rows, counted] = await Promise.all([
    db.$queryRaw<Row[]>(buildSearchSql(query)),
    db.$queryRaw<Array<{ n: number }>>(buildCountSql(query)),
  ]);
  const n = counted[0]?.n ?? 0;
  return {
    total: Math.min(n, COUNT_CAP),
    totalIsCapped: n > COUNT_CAP,
    page: query.page,
    pageSize: query.pageSize,
    items: rows.map((r) => ({
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
    })),
  };
}
