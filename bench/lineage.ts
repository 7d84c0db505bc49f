// Lineage at mesh scale: 1,000 products in 10 layers, each reading from 2–3 products of the layer before
// (a third of those edges with column mappings), written straight into lineage_edges. Measures the graph
// query around a product in the middle (depth 3, and depth 10 where the page's cap applies), the layout the
// page runs on each (lib/lineage/layout.ts) and on the whole mesh, and impactOfChange from a product at the top.
// Standalone: `tsx --conditions=react-server bench/lineage.ts` (its own scratch database).
import { performance } from "node:perf_hooks";
import pg from "pg";
import { ms, summarize } from "./stats";
import type { Row, Section } from "./sections";

const LAYERS = 10;
const PER_LAYER = 100;
const ROUNDS = 15;

async function buildMesh(url: string): Promise<{ mid: string; top: string; edges: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`INSERT INTO domains (id, slug, name, owner_team, status, updated_at)
      SELECT gen_random_uuid(), 'lineage-bench-' || i, 'Lineage bench ' || i, 'lineage@bench.local', 'onboarded', now()
      FROM generate_series(0, 9) i ON CONFLICT DO NOTHING`);
    // Product (layer l, k): domain k % 10, so every edge set crosses domains.
    await client.query(
      `INSERT INTO data_products (id, domain_id, name, owner, description, classification, lifecycle, current_version, tags, spec, updated_at)
       SELECT gen_random_uuid(), d.id, 'lb-' || l || '-' || k, 'lineage@bench.local', 'Lineage bench product', 'internal', 'published', '1.0.0',
              ARRAY[]::text[], '{}'::jsonb, now()
         FROM generate_series(0, $1 - 1) l CROSS JOIN generate_series(0, $2 - 1) k
         JOIN domains d ON d.slug = 'lineage-bench-' || (k % 10)`,
      [LAYERS, PER_LAYER],
    );
    await client.query(
      `WITH p AS (SELECT id, split_part(name, '-', 2)::int AS l, split_part(name, '-', 3)::int AS k FROM data_products WHERE name LIKE 'lb-%'),
            e AS (
              SELECT src.id AS from_id, dst.id AS to_id, j
                FROM p dst CROSS JOIN generate_series(0, 2) j
                JOIN p src ON src.l = dst.l - 1 AND src.k = (dst.k * 7 + j * 31) % $1
               WHERE dst.l > 0 AND (j < 2 OR dst.k % 2 = 0)
            )
       INSERT INTO lineage_edges (id, to_product_id, from_product_id, from_field, to_field, transformation, position)
       SELECT gen_random_uuid(), to_id, from_id, NULL, NULL, 'step ' || j, j FROM e
       UNION ALL
       SELECT gen_random_uuid(), to_id, from_id, 'amount', 'amount_' || j, NULL, j FROM e WHERE j = 0`,
      [PER_LAYER],
    );
    const ids = await client.query<{ name: string; id: string }>(
      `SELECT name, id::text FROM data_products WHERE name IN ('lb-${LAYERS / 2}-7', 'lb-0-3')`,
    );
    const count = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM lineage_edges WHERE from_field IS NULL");
    const byName = new Map(ids.rows.map((r) => [r.name, r.id]));
    return { mid: byName.get(`lb-${LAYERS / 2}-7`)!, top: byName.get("lb-0-3")!, edges: count.rows[0].n };
  } finally {
    await client.end();
  }
}

async function time<T>(fn: () => Promise<T> | T): Promise<{ value: T; samples: number[] }> {
  let value!: T;
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const s = performance.now();
    value = await fn();
    samples.push(performance.now() - s);
  }
  return { value, samples };
}

async function rows(url: string, onRow: (row: Row) => void = () => {}): Promise<Row[]> {
  process.env.DATABASE_URL = url;
  const mesh = await buildMesh(url);
  const { getLineageGraph } = await import("@/lib/lineage/graph");
  const { impactOfChange } = await import("@/lib/lineage/impact");
  const { layoutGraph, layoutWithDagre, nodeSize, DAGRE_MAX_NODES } = await import("@/lib/lineage/layout");
  const { db } = await import("@/lib/db");
  const layout = (g: Awaited<ReturnType<typeof getLineageGraph>>) =>
    layoutGraph(
      g.nodes.map((n) => ({ id: n.id, depth: n.depth, ...nodeSize(n.columns.length) })),
      g.edges,
    );
  const rowsOut: Row[] = [];
  const out = { push: (r: Row) => (rowsOut.push(r), onRow(r)) };
  const area = "lineage";
  const mesh1000 = `${LAYERS * PER_LAYER} products, ${mesh.edges} edges`;

  const d3 = await time(() => getLineageGraph(mesh.mid, { depth: 3, direction: "both", domain: null }));
  const d3s = summarize(d3.samples);
  out.push({
    area,
    metric: `graph query, depth 3 (${d3.value.nodes.length} nodes; ${mesh1000}) p50 / p95`,
    value: `${ms(d3s.p50)} / ${ms(d3s.p95)}`,
    target: "p95 < 100 ms",
  });
  const l3 = summarize((await time(() => layout(d3.value))).samples);
  out.push({ area, metric: `layout of that graph p50 / p95`, value: `${ms(l3.p50)} / ${ms(l3.p95)}` });

  const d10 = await time(() => getLineageGraph(mesh.mid, { depth: 10, direction: "both", domain: null }));
  const d10s = summarize(d10.samples);
  out.push({
    area,
    metric: `graph query, depth 10 (${d10.value.nodes.length} nodes, ${d10.value.edges.length} edges${d10.value.truncated ? ", truncated to the page's cap" : ""}) p50 / p95`,
    value: `${ms(d10s.p50)} / ${ms(d10s.p95)}`,
    target: "p95 < 250 ms",
  });
  const l10 = summarize((await time(() => layout(d10.value))).samples);
  out.push({ area, metric: `layout of that graph p50 / p95`, value: `${ms(l10.p50)} / ${ms(l10.p95)}`, target: "p95 < 500 ms" });

  // The whole mesh at once (more than the page draws): the column layout the page uses past DAGRE_MAX_NODES, and
  // dagre on the first DAGRE_MAX_NODES products, the most the page hands it.
  const all = await db.$queryRaw<{ from: string; to: string; layer: number }[]>`
    SELECT DISTINCT e.from_product_id::text AS "from", e.to_product_id::text AS "to", split_part(p.name, '-', 2)::int AS layer
      FROM lineage_edges e JOIN data_products p ON p.id = e.from_product_id WHERE e.from_field IS NULL`;
  const layerOf = new Map<string, number>();
  for (const e of all) {
    layerOf.set(e.from, e.layer);
    layerOf.set(e.to, e.layer + 1);
  }
  const nodes = [...layerOf].map(([id, depth]) => ({ id, depth, ...nodeSize(0) }));
  const full = summarize((await time(() => layoutGraph(nodes, all))).samples);
  out.push({
    area,
    metric: `column layout of the whole mesh (${nodes.length} nodes, ${all.length} edges) p50 / p95`,
    value: `${ms(full.p50)} / ${ms(full.p95)}`,
    target: "p95 < 100 ms",
  });
  const first = new Set(nodes.slice(0, DAGRE_MAX_NODES).map((n) => n.id));
  const small = summarize(
    (
      await time(() =>
        layoutWithDagre(
          nodes.slice(0, DAGRE_MAX_NODES),
          all.filter((e) => first.has(e.from) && first.has(e.to)),
        ),
      )
    ).samples,
  );
  out.push({
    area,
    metric: `dagre layout of ${DAGRE_MAX_NODES} products (the most the page gives it) p50 / p95`,
    value: `${ms(small.p50)} / ${ms(small.p95)}`,
    target: "p95 < 1 s",
  });

  const impact = await time(() => impactOfChange(mesh.top));
  const is = summarize(impact.samples);
  out.push({
    area,
    metric: `impactOfChange from the top layer (${impact.value.downstream.length} downstream products) p50 / p95`,
    value: `${ms(is.p50)} / ${ms(is.p95)}`,
    target: "p95 < 200 ms",
  });
  return rowsOut;
}

export const lineageSection: Section = (url) => rows(url);

async function main() {
  const { createScratchDatabase, ensureDatabase } = await import("../scripts/embedded-db");
  const { migrateDeploy } = await import("../scripts/prisma");
  const server = await ensureDatabase({ dbName: "postgres" });
  const scratch = await createScratchDatabase(server.url, "meshport_bench_lineage");
  try {
    await migrateDeploy(scratch.url);
    await rows(scratch.url, (row) =>
      console.log(`[bench] ${row.area} · ${row.metric}: ${row.value}${row.target ? `  (target ${row.target})` : ""}`),
    );
  } finally {
    const { db } = await import("@/lib/db");
    await db.$disconnect();
    await scratch.drop();
  }
  process.exit(0);
}

if (process.argv[1]?.endsWith("lineage.ts")) void main();
