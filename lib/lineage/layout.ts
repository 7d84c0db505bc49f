// Positions the lineage graph's nodes, left to right (sources on the left). Up to DAGRE_MAX_NODES, dagre's
// layered layout (fewest crossings); beyond, dagre's cost grows too fast to stay interactive (measured in
// bench/lineage.ts: ~1.5 s for 400 nodes, minutes for 1,000), so nodes go in columns by their distance from the
// focus, each column ordered by its neighbours' positions in the column before (one barycentre sweep).
// Pure and browser-safe: the graph page runs it on the client, the benchmark in Node.
import { Graph, layout } from "@dagrejs/dagre";

export type LayoutNode = { id: string; width: number; height: number; depth?: number };
export type LayoutEdge = { from: string; to: string };
export type Position = { x: number; y: number };

export const DAGRE_MAX_NODES = 150;
const RANK_GAP = 90;
const NODE_GAP = 24;

/** Top-left corner of each node (React Flow's convention). */
export function layoutGraph(nodes: LayoutNode[], edges: LayoutEdge[]): Map<string, Position> {
  return nodes.length <= DAGRE_MAX_NODES ? layoutWithDagre(nodes, edges) : layoutByDepth(nodes, edges);
}

export function layoutWithDagre(nodes: LayoutNode[], edges: LayoutEdge[]): Map<string, Position> {
  const g = new Graph({ multigraph: false });
  g.setGraph({ rankdir: "LR", nodesep: NODE_GAP, ranksep: RANK_GAP, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.id, { width: n.width, height: n.height });
  for (const e of edges) if (g.hasNode(e.from) && g.hasNode(e.to) && e.from !== e.to) g.setEdge(e.from, e.to);
  layout(g);
  const out = new Map<string, Position>();
  for (const n of nodes) {
    const p = g.node(n.id) as { x: number; y: number };
    out.set(n.id, { x: p.x - n.width / 2, y: p.y - n.height / 2 });
  }
  return out;
}

/** Columns by `depth` (0 when absent), ordered by the mean row of each node's neighbours nearer the focus. */
export function layoutByDepth(nodes: LayoutNode[], edges: LayoutEdge[]): Map<string, Position> {
  const columns = new Map<number, LayoutNode[]>();
  for (const n of nodes) {
    const d = n.depth ?? 0;
    const col = columns.get(d);
    if (col) col.push(n);
    else columns.set(d, [n]);
  }
  const neighbours = new Map<string, string[]>();
  const link = (a: string, b: string) => {
    const list = neighbours.get(a);
    if (list) list.push(b);
    else neighbours.set(a, [b]);
  };
  for (const e of edges) {
    link(e.from, e.to);
    link(e.to, e.from);
  }
  const row = new Map<string, number>();
  const depths = [...columns.keys()].sort((a, b) => Math.abs(a) - Math.abs(b) || a - b);
  for (const d of depths) {
    const col = columns.get(d)!;
    const keyed = col.map((n, i) => {
      const placed = (neighbours.get(n.id) ?? []).map((m) => row.get(m)).filter((r): r is number => r !== undefined);
      return { n, key: placed.length > 0 ? placed.reduce((a, b) => a + b, 0) / placed.length : i };
    });
    keyed.sort((a, b) => a.key - b.key);
    keyed.forEach(({ n }, i) => row.set(n.id, i));
    columns.set(
      d,
      keyed.map((k) => k.n),
    );
  }
  const width = Math.max(...nodes.map((n) => n.width), 0);
  const out = new Map<string, Position>();
  const minDepth = Math.min(...depths, 0);
  for (const [d, col] of columns) {
    let y = 16;
    for (const n of col) {
      out.set(n.id, { x: 16 + (d - minDepth) * (width + RANK_GAP), y });
      y += n.height + NODE_GAP;
    }
  }
  return out;
}

/** A node's size on the page: a header line and, with columns shown, one row per column. */
export function nodeSize(columns: number): { width: number; height: number } {
  return { width: 220, height: 56 + columns * 22 };
}
