// Only the catalog search rows of `npm run bench`, on a scratch database of its own with the demo seed and a
// generated mesh whose products carry 1–4 datasets of 4–15 properties (some nested):
// `DATABASE_URL=<server> tsx --conditions=react-server bench/catalog-row.ts [--products 100000] [--no-datasets]`.
import pg from "pg";
import { generateMesh } from "./mesh";
import { benchSearch } from "./catalog";
import { ms } from "./stats";
import { arg, withSeededScratch } from "./scratch";

async function main() {
  await withSeededScratch("catalog", async (url) => {
    const products = Number(arg("products") ?? 100_000);
    const datasets = !process.argv.includes("--no-datasets");
    const gen = await generateMesh(url, { domains: Math.max(10, Math.round(products / 100)), products, auditEvents: 1000, datasets });
    const counts = new pg.Client({ connectionString: url });
    await counts.connect();
    const { rows } = await counts.query<{ products: number; datasets: number; properties: number; nested: number; deepest: number }>(`
      SELECT (SELECT count(*)::int FROM data_products) AS products, (SELECT count(*)::int FROM data_product_datasets) AS datasets,
             (SELECT count(*)::int FROM data_product_properties) AS properties,
             (SELECT count(*)::int FROM data_product_properties WHERE depth > 0) AS nested,
             (SELECT max(depth)::int FROM data_product_properties) AS deepest`);
    await counts.end();
    const m = rows[0];
    console.log(`[bench] setup · generate ${products} products${datasets ? " with datasets" : ""}: ${JSON.stringify(gen)}`);
    console.log(
      `[bench] setup · rows: ${m.products} products, ${m.datasets} datasets, ${m.properties} properties (${m.nested} nested, deepest depth ${m.deepest})`,
    );
    const search = await benchSearch(url);
    console.log("");
    console.log(
      `[bench] catalog search · service p50 / p95 / p99 (${search.queries} queries × ${search.rounds}): ${ms(search.service.p50)} / ${ms(search.service.p95)} / ${ms(search.service.p99)}  (target p95 < 50 ms)`,
    );
    console.log(
      `[bench] catalog search · same SQL direct p50 / p95 / p99: ${ms(search.direct.p50)} / ${ms(search.direct.p95)} / ${ms(search.direct.p99)}`,
    );
    console.log(`[bench] catalog search · service ÷ direct SQL (p95): ${search.ratioP95.toFixed(2)}×`);
    // Which queries make the tail.
    for (const q of [...search.perQuery].sort((a, b) => b.serviceP95 - a.serviceP95))
      console.log(`[bench] catalog search · ${q.query}: p50 ${ms(q.serviceP50)}, p95 ${ms(q.serviceP95)}`);
    // That the property-name queries find products through their datasets (matches are counted up to 1,000).
    const { searchProducts } = await import("@/lib/products/search");
    const { parseSearchParams } = await import("@/lib/products/search-query");
    for (const q of ["tracking_number", "latitude", "warehouse_code"]) {
      const r = await searchProducts(parseSearchParams({ q }));
      console.log(
        `[bench] catalog search · "${q}" finds ${r.total}${r.totalIsCapped ? "+" : ""} products, first: ${r.items[0]?.name ?? "none"}`,
      );
    }
  });
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
