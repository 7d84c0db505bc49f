// Positions the lineage graph's nodes with dagre (layered, left to right: sources on the left). Pure and
// browser-safe: the graph page runs it on the client, the benchmark in Node.
import { Graph, layout } from "@dagrejs/dagre";

export type LayoutNode = { id: string; width: number; height: number };
export type LayoutEdge = { from: string; to: string };

/** Top-left corner of each node (React Flow's convention; dagre gives centres). */
export function layoutGraph(nodes: LayoutNode[], edges: LayoutEdge[]): Map<string, { x: number; y: number }> {
  const g = new Graph({ multigraph: false });
  g.setGraph({ rankdir: "LR", nodesep: 24, ranksep: 90, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.id, { width: n.width, height: n.height });
  for (const e of edges) if (g.hasNode(e.from) && g.hasNode(e.to) && e.from !== e.to) g.setEdge(e.from, e.to);
  layout(g);
  const out = new Map<string, { x: number; y: number }>();
  for (const n of nodes) {
    const p = g.node(n.id) as { x: number; y: number };
    out.set(n.id, { x: p.x - n.width / 2, y: p.y - n.height / 2 });
  }
  return out;
}

/** A node's size on the page: a header line and, with columns shown, one row per column. */
export function nodeSize(columns: number): { width: number; height: number } {
  return { width: 220, height: 56 + columns * 22 };
}
