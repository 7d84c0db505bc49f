"use client";
// The interactive lineage graph (React Flow): products and external systems laid out left to right by
// dagre, transformations as edge labels, and, with "Show columns", a row per column that column-level edges
// join. Each product node links to its product page; the page lists the same nodes as links beneath.
import "@xyflow/react/dist/style.css";
import Link from "next/link";
import { useMemo, useState } from "react";
import { Background, Controls, Handle, MarkerType, Position, ReactFlow, type Edge, type Node, type NodeProps } from "@xyflow/react";
import { layoutGraph, nodeSize } from "@/lib/lineage/layout";
import type { LineageGraph, LineageNode } from "@/lib/lineage/types";
import { cn } from "@/lib/cn";

type NodeData = { node: LineageNode; focus: boolean; showColumns: boolean };
type LineageFlowNode = Node<NodeData, "lineage">;

function LineageNodeView({ data }: NodeProps<LineageFlowNode>) {
  const { node, focus, showColumns } = data;
  const product = node.kind === "product";
  return (
    <div
      className={cn(
        "h-full w-full rounded-lg bg-white px-3 py-2 text-left text-xs shadow-sm ring-1",
        focus ? "ring-2 ring-brand-600" : product ? "ring-slate-300" : "bg-slate-50 ring-slate-300",
      )}
      data-testid={`lineage-node-${product ? `${node.domain}/${node.name}` : node.name}`}
    >
      <Handle type="target" position={Position.Left} />
      {product ? (
        <>
          <Link href={`/products/${node.domain}/${node.name}`} className="block truncate font-semibold text-brand-700 underline">
            {node.domain}/{node.name}
          </Link>
          <p className="truncate text-slate-600">
            {node.lifecycle.replace("_", " ")} · {node.owner}
          </p>
        </>
      ) : (
        <>
          <p className="truncate font-semibold text-slate-800">{node.name}</p>
          <p className="text-slate-600">external system</p>
        </>
      )}
      {showColumns && node.columns.length > 0 && (
        <ul className="mt-1 border-t border-slate-100 pt-1">
          {node.columns.map((c) => (
            <li key={c} className="relative h-[22px] font-mono leading-[22px] text-slate-700">
              <Handle id={`in:${c}`} type="target" position={Position.Left} className="!-left-3" />
              {c}
              <Handle id={`out:${c}`} type="source" position={Position.Right} className="!-right-3" />
            </li>
          ))}
        </ul>
      )}
      <Handle type="source" position={Position.Right} />
    </div>
  );
}

const nodeTypes = { lineage: LineageNodeView };

export function LineageGraphView({ graph }: { graph: LineageGraph }) {
  const hasColumns = graph.edges.some((e) => e.columns.length > 0);
  const [showColumns, setShowColumns] = useState(hasColumns);

  const { nodes, edges } = useMemo(() => {
    const sized = graph.nodes.map((n) => ({ n, ...nodeSize(showColumns ? n.columns.length : 0) }));
    const positions = layoutGraph(
      sized.map((s) => ({ id: s.n.id, width: s.width, height: s.height, depth: s.n.depth })),
      graph.edges,
    );
    const nodes: LineageFlowNode[] = sized.map(({ n, width, height }) => ({
      id: n.id,
      type: "lineage",
      position: positions.get(n.id) ?? { x: 0, y: 0 },
      width,
      height,
      data: { node: n, focus: n.id === graph.focus, showColumns },
    }));
    const edges: Edge[] = [];
    for (const e of graph.edges) {
      const label = [e.dataset, e.transformation].filter(Boolean).join(": ");
      edges.push({
        id: e.id,
        source: e.from,
        target: e.to,
        label: label || undefined,
        markerEnd: { type: MarkerType.ArrowClosed },
        style: { strokeWidth: 1.5 },
      });
      if (showColumns) {
        for (const c of e.columns) {
          edges.push({
            id: `${e.id}:${c.from}>${c.to}`,
            source: e.from,
            target: e.to,
            sourceHandle: `out:${c.from}`,
            targetHandle: `in:${c.to}`,
            style: { strokeDasharray: "4 3", stroke: "#64748b" },
          });
        }
      }
    }
    return { nodes, edges };
  }, [graph, showColumns]);

  return (
    <div>
      {hasColumns && (
        <label className="mb-2 flex items-center gap-2 text-sm">
          <input type="checkbox" checked={showColumns} onChange={(e) => setShowColumns(e.target.checked)} /> Show column-level lineage
        </label>
      )}
      <div className="h-[60vh] min-h-[360px] w-full rounded-lg bg-slate-50 ring-1 ring-slate-200" data-testid="lineage-graph">
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          fitView
          minZoom={0.1}
          nodesConnectable={false}
          elementsSelectable={false}
          proOptions={{ hideAttribution: true }}
          aria-label="Lineage graph"
        >
          <Background />
          <Controls showInteractive={false} />
        </ReactFlow>
      </div>
    </div>
  );
}
