// The lineage graph around one product: upstream and downstream products to a depth, across domains, with
// the external systems that feed them and the column-level edges declared on their sources. Two recursive
// queries walk lineage_edges (indexed both ways); one more reads the nodes and one the edges between them.
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import {
  DEFAULT_LINEAGE_DEPTH,
  LINEAGE_DIRECTIONS,
  MAX_LINEAGE_DEPTH,
  type LineageDirection,
  type LineageEdgeDto,
  type LineageGraph,
  type LineageGraphOptions,
  type LineageNode,
} from "./types";

/** More than this many products and the page stops being readable; the deepest are left out. */
export const MAX_GRAPH_PRODUCTS = 400;

/** Options from a query string (page or API): anything unknown falls back to the default. */
export function parseGraphOptions(params: { depth?: unknown; direction?: unknown; domain?: unknown }): LineageGraphOptions {
  const depth = Number(typeof params.depth === "string" ? params.depth : NaN);
  const direction = LINEAGE_DIRECTIONS.find((d) => d === params.direction) ?? "both";
  const domain = typeof params.domain === "string" && /^[a-z0-9-]{1,63}$/.test(params.domain) ? params.domain : null;
  return {
    depth: Number.isInteger(depth) && depth >= 1 ? Math.min(depth, MAX_LINEAGE_DEPTH) : DEFAULT_LINEAGE_DEPTH,
    direction: direction as LineageDirection,
    domain,
  };
}

type Reach = { id: string; depth: number };

async function walk(productId: string, depth: number, upstream: boolean): Promise<Reach[]> {
  // Product-level edges only (from_field IS NULL); the walk stops at `depth` so a wide mesh stays bounded.
  const [near, far] = upstream
    ? [Prisma.sql`e.to_product_id`, Prisma.sql`e.from_product_id`]
    : [Prisma.sql`e.from_product_id`, Prisma.sql`e.to_product_id`];
  return db.$queryRaw<Reach[]>`
    WITH RECURSIVE reach(id, depth) AS (
      SELECT ${productId}::uuid, 0
      UNION
      SELECT ${far}, r.depth + 1 FROM lineage_edges e JOIN reach r ON ${near} = r.id
       WHERE e.from_product_id IS NOT NULL AND e.from_field IS NULL AND r.depth < ${depth}
    )
    SELECT id::text AS id, min(depth)::int AS depth FROM reach WHERE id <> ${productId}::uuid GROUP BY id ORDER BY 2, 1
    LIMIT ${MAX_GRAPH_PRODUCTS + 1}`;
}

type ProductRow = { id: string; domain: string; name: string; lifecycle: string; owner: string };
type EdgeRow = {
  id: string;
  from_product_id: string | null;
  from_system: string | null;
  to_product_id: string;
  from_dataset: string | null;
  from_field: string | null;
  to_field: string | null;
  transformation: string | null;
  position: number;
};

export async function getLineageGraph(productId: string, options: LineageGraphOptions): Promise<LineageGraph> {
  const [up, down] = await Promise.all([
    options.direction === "downstream" ? [] : walk(productId, options.depth, true),
    options.direction === "upstream" ? [] : walk(productId, options.depth, false),
  ]);
  const truncated = up.length > MAX_GRAPH_PRODUCTS / 2 || down.length > MAX_GRAPH_PRODUCTS / 2;
  const depthOf = new Map<string, number>([[productId, 0]]);
  for (const r of up.slice(0, MAX_GRAPH_PRODUCTS / 2)) depthOf.set(r.id, -r.depth);
  for (const r of down.slice(0, MAX_GRAPH_PRODUCTS / 2)) if (!depthOf.has(r.id)) depthOf.set(r.id, r.depth);

  const products = await db.$queryRaw<ProductRow[]>`
    SELECT p.id::text AS id, d.slug AS domain, p.name, p.lifecycle::text AS lifecycle, p.owner
      FROM data_products p JOIN domains d ON d.id = p.domain_id
     WHERE p.id = ANY(${[...depthOf.keys()]}::uuid[])`;
  const domains = [...new Set(products.map((p) => p.domain))].sort();
  // The domain filter keeps the focus, so the graph always says whose it is.
  const shown = products.filter((p) => p.id === productId || !options.domain || p.domain === options.domain);
  const ids = shown.map((p) => p.id);
  // External systems are drawn for the focus and its upstream side, where they are the graph's sources.
  const systemFed = options.direction === "downstream" ? [] : shown.filter((p) => (depthOf.get(p.id) ?? 0) <= 0).map((p) => p.id);

  const rows = await db.$queryRaw<EdgeRow[]>`
    SELECT id::text AS id, from_product_id::text AS from_product_id, from_system, to_product_id::text AS to_product_id,
           from_dataset, from_field, to_field, transformation, position
      FROM lineage_edges
     WHERE to_product_id = ANY(${ids}::uuid[])
       AND (from_product_id = ANY(${ids}::uuid[]) OR (from_system IS NOT NULL AND to_product_id = ANY(${systemFed}::uuid[])))
     ORDER BY to_product_id, position, from_field NULLS FIRST`;

  const columns = new Map<string, Set<string>>();
  const addColumn = (node: string, column: string) => {
    const set = columns.get(node) ?? new Set<string>();
    set.add(column);
    columns.set(node, set);
  };
  const edges = new Map<string, LineageEdgeDto>();
  const systems = new Map<string, { id: string; name: string; depth: number }>();
  for (const r of rows) {
    const from = r.from_product_id ?? `system:${r.from_system}`;
    if (r.from_system !== null && !systems.has(from)) {
      systems.set(from, { id: from, name: r.from_system, depth: (depthOf.get(r.to_product_id) ?? 0) - 1 });
    }
    const key = `${from}>${r.to_product_id}#${r.position}`;
    const edge = edges.get(key) ?? {
      id: key,
      from,
      to: r.to_product_id,
      dataset: r.from_dataset,
      transformation: r.transformation,
      columns: [],
    };
    edges.set(key, edge);
    if (r.from_field !== null) {
      const to = r.to_field ?? r.from_field;
      edge.columns.push({ from: r.from_field, to });
      addColumn(from, r.from_field);
      addColumn(r.to_product_id, to);
    }
  }

  const nodes: LineageNode[] = [
    ...shown.map((p) => ({
      kind: "product" as const,
      ...p,
      depth: depthOf.get(p.id) ?? 0,
      columns: [...(columns.get(p.id) ?? [])].sort(),
    })),
    ...[...systems.values()].map((s) => ({ kind: "system" as const, ...s, columns: [...(columns.get(s.id) ?? [])] })),
  ];
  return { focus: productId, options, nodes, edges: [...edges.values()], domains, truncated };
}
