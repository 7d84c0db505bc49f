// Catalog search at scale: the search service (Prisma, DTO mapping) against the very same SQL sent directly
// with node-postgres — the floor any implementation on this schema could reach.
import pg from "pg";
import { summarize } from "./stats";

export const SEARCH_QUERIES: Array<Record<string, string>> = [
  { q: "customer" },
  { q: "invoice payments" },
  { q: "customer_id" },
  { q: "owner_email" },
  { q: "shipment events" },
  { q: "custmer" },
  { q: "forcast" },
  { q: "ledger", classification: "confidential" },
  { q: "order", lifecycle: "published" },
  { q: "campaign scores", sort: "name" },
  { q: "inventory snapshot 1234" },
  { q: "lead-features" },
  { domain: "mesh-42" },
  { domain: "mesh-7", lifecycle: "draft" },
  { classification: "restricted", sort: "updated" },
  { q: "supplier", page: "3" },
  { q: "asset", owner: "mesh-9" },
  { q: "employee history", sort: "domain" },
  { q: "price discount" },
  // property names of the generated datasets (bench/mesh.ts `datasets`), one of them nested at depth 2
  { q: "tracking_number" },
  { q: "loyalty tier", lifecycle: "published" },
  { q: "latitude" },
  {},
];

export async function benchSearch(url: string, rounds = 15) {
  process.env.DATABASE_URL = url;
  const { searchProducts, buildSearchSql } = await import("@/lib/products/search");
  const { parseSearchParams } = await import("@/lib/products/search-query");
  // The service sends one statement (page rows carrying the capped total); so does the direct path.
  const { SESSION_OPTIONS } = await import("@/lib/db");
  const client = new pg.Client({ connectionString: url, options: SESSION_OPTIONS });
  await client.connect();
  const service: number[] = [];
  const direct: number[] = [];
  const perQuery: Array<{ query: string; serviceP50: number; serviceP95: number }> = [];
  try {
    for (const params of SEARCH_QUERIES) {
      process.stdout.write("."); // progress: one dot per query
      const query = parseSearchParams(params);
      const sql = buildSearchSql(query);
      const direct2 = () => client.query(sql.text, sql.values as unknown[]);
      // warm-up both paths once per query
      await searchProducts(query);
      await direct2();
      const own: number[] = [];
      for (let r = 0; r < rounds; r++) {
        let s = performance.now();
        await searchProducts(query);
        own.push(performance.now() - s);
        service.push(performance.now() - s);
        s = performance.now();
        await direct2();
        direct.push(performance.now() - s);
      }
      const o = summarize(own);
      perQuery.push({ query: JSON.stringify(params), serviceP50: o.p50, serviceP95: o.p95 });
    }
  } finally {
    await client.end();
  }
  const sv = summarize(service);
  const dv = summarize(direct);
  return { queries: SEARCH_QUERIES.length, rounds, service: sv, direct: dv, ratioP95: sv.p95 / dv.p95, perQuery };
}
