import { describe, expect, it } from "vitest";
import { DAGRE_MAX_NODES, layoutByDepth, layoutGraph, nodeSize } from "./layout";

const node = (id: string, depth: number) => ({ id, depth, ...nodeSize(0) });

describe("lineage layout", () => {
  it("puts sources left of the products that read them (dagre, small graphs)", () => {
    const p = layoutGraph(
      [node("a", -1), node("b", 0), node("c", 1)],
      [
        { from: "a", to: "b" },
        { from: "b", to: "c" },
      ],
    );
    expect(p.get("a")!.x).toBeLessThan(p.get("b")!.x);
    expect(p.get("b")!.x).toBeLessThan(p.get("c")!.x);
  });

  it("lays a graph past the dagre limit out in columns by depth, without overlaps in a column", () => {
    const nodes = Array.from({ length: DAGRE_MAX_NODES + 50 }, (_, i) => node(`n${i}`, (i % 5) - 2));
    const edges = nodes.slice(1).map((n, i) => ({ from: nodes[i].id, to: n.id }));
    const p = layoutGraph(nodes, edges);
    expect(p.size).toBe(nodes.length);
    const byColumn = new Map<number, number[]>();
    for (const n of nodes) byColumn.set(p.get(n.id)!.x, [...(byColumn.get(p.get(n.id)!.x) ?? []), p.get(n.id)!.y]);
    expect(byColumn.size).toBe(5);
    for (const ys of byColumn.values()) expect(new Set(ys).size).toBe(ys.length);
  });

  it("orders a column by where its neighbours sit in the column nearer the focus", () => {
    const p = layoutByDepth(
      [node("f", 0), node("u1", -1), node("u2", -1), node("x", -2), node("y", -2)],
      [
        { from: "u1", to: "f" },
        { from: "u2", to: "f" },
        { from: "y", to: "u1" },
        { from: "x", to: "u2" },
      ],
    );
    expect(p.get("y")!.y).toBeLessThan(p.get("x")!.y);
  });
});
