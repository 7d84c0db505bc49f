// Catalog search: PostgreSQL full-text (prefix, weighted: name > tags/fields > description) plus trigram
// similarity for typos, ranked together; filters, sort and pagination in the same query.
import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ProductSummary } from "@/lib/products/dto";
import { toPrefixTsQuery, type SearchQuery } from "@/lib/products/search-query";
import type { Classification, LifecycleState } from "@/lib/products/types";

export type SearchResult = { items: ProductSummary[]; total: number; page: number; pageSize: number };

type Row = {
  id: string; domain: string; name: string; description: string; owner: string; classification: string;
  lifecycle: string; current_version: string; tags: string[]; updated_at: Date; total: bigint;
};

export function buildSearchSql(query: SearchQuery): Prisma.Sql {
  const ts = toPrefixTsQuery(query.q);
  const text = query.q?.trim() ?? "";
  const where: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (ts) {
    where.push(Prisma.sql`(p.search_vector @@ to_tsquery('simple', ${ts}) OR p.name % ${text} OR ${text} <% p.field_names)`);
  }
  if (query.domain) where.push(Prisma.sql`d.slug = ${query.domain}`);
  if (query.classification) where.push(Prisma.sql`p.classification = ${query.classification}::"Classification"`);
  if (query.lifecycle) where.push(Prisma.sql`p.lifecycle = ${query.lifecycle}::"Lifecycle"`);
  if (query.owner) where.push(Prisma.sql`p.owner ILIKE ${`%${query.owner.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);

  const rank = ts
    ? Prisma.sql`ts_rank_cd(p.search_vector, to_tsquery('simple', ${ts})) + similarity(p.name, ${text}) + 0.5 * word_similarity(${text}, p.field_names)`
    : Prisma.sql`0`;
  const sort = query.sort ?? (ts ? "relevance" : "updated");
  const order =
    sort === "name" ? Prisma.sql`p.name ASC, d.slug ASC`
    : sort === "domain" ? Prisma.sql`d.slug ASC, p.name ASC`
    : sort === "updated" ? Prisma.sql`p.updated_at DESC, p.id`
    : Prisma.sql`rank DESC, p.updated_at DESC, p.id`;

  const offset = (query.page - 1) * query.pageSize;
  return Prisma.sql`
    SELECT p.id, d.slug AS domain, p.name, p.description, p.owner, p.classification::text, p.lifecycle::text,
           p.current_version, p.tags, p.updated_at, ${rank} AS rank, count(*) OVER () AS total
    FROM data_products p JOIN domains d ON d.id = p.domain_id
    WHERE ${Prisma.join(where, " AND ")}
    ORDER BY ${order}
    LIMIT ${query.pageSize} OFFSET ${offset}`;
}

export async function searchProducts(query: SearchQuery): Promise<SearchResult> {
  const rows = await db.$queryRaw<Row[]>(buildSearchSql(query));
  let total = rows.length > 0 ? Number(rows[0].total) : 0;
  if (rows.length === 0 && query.page > 1) {
    // Past the last page: still report the real total so the pager can go back.
    const again = await db.$queryRaw<Row[]>(buildSearchSql({ ...query, page: 1, pageSize: 1 }));
    total = again.length > 0 ? Number(again[0].total) : 0;
  }
  return {
    total,
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
