// The lineage graph around a product: upstream and downstream products across domains, the external systems
// that feed them, transformations on the edges and, where declared, column-level edges. Filters travel in
// the URL (a plain GET form), so a view can be shared and works before JavaScript loads.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageUser, signedInTitle } from "@/lib/auth/current-user";
import { productPath } from "@/lib/products/dto";
import { getLineageGraph, parseGraphOptions } from "@/lib/lineage/server";
import { LINEAGE_DIRECTIONS, MAX_LINEAGE_DEPTH, type LineageNode } from "@/lib/lineage";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Select } from "@/components/ui/field";
import { loadProduct } from "../load-product";
import { ProductBreadcrumb } from "../components/product-breadcrumb";
import { LineageGraphView } from "./components/lineage-graph";

type Props = {
  params: Promise<{ domain: string; product: string }>;
  searchParams: Promise<{ depth?: string; direction?: string; domain?: string }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { product } = await params;
  return signedInTitle(() => `Lineage · ${product}`);
}

const DIRECTION_LABELS = { both: "Upstream and downstream", upstream: "Upstream only", downstream: "Downstream only" } as const;

export default async function LineagePage({ params, searchParams }: Props) {
  await requirePageUser();
  const { domain, product: name } = await params;
  const product = await loadProduct(domain, name);
  if (!product) notFound();
  const options = parseGraphOptions(await searchParams);
  const graph = await getLineageGraph(product.id, options);
  const products = graph.nodes.filter((n): n is Extract<LineageNode, { kind: "product" }> => n.kind === "product" && n.id !== graph.focus);
  const upstream = products.filter((n) => n.depth < 0).sort((a, b) => b.depth - a.depth);
  const downstream = products.filter((n) => n.depth > 0).sort((a, b) => a.depth - b.depth);
  const systems = graph.nodes.filter((n) => n.kind === "system");

  return (
    <>
      <ProductBreadcrumb domain={product.domain} name={product.name} page="Lineage" />
      <PageHeader
        title={`Lineage of ${product.name}`}
        description="Where this product's data comes from and which products read from it, across domains. Sources are declared in each product's spec (Edit → Lineage)."
      />
      <form method="get" className="mb-4 flex flex-wrap items-end gap-3" aria-label="Graph filters">
        <div>
          <label htmlFor="lineage-depth" className="mb-1 block text-sm font-medium text-slate-800">
            Depth
          </label>
          <Select name="depth" id="lineage-depth" defaultValue={String(options.depth)}>
            {Array.from({ length: MAX_LINEAGE_DEPTH }, (_, i) => i + 1).map((d) => (
              <option key={d} value={d}>
                {d} step{d === 1 ? "" : "s"}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <label htmlFor="lineage-direction" className="mb-1 block text-sm font-medium text-slate-800">
            Direction
          </label>
          <Select name="direction" id="lineage-direction" defaultValue={options.direction}>
            {LINEAGE_DIRECTIONS.map((d) => (
              <option key={d} value={d}>
                {DIRECTION_LABELS[d]}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <label htmlFor="lineage-domain" className="mb-1 block text-sm font-medium text-slate-800">
            Domain
          </label>
          <Select name="domain" id="lineage-domain" defaultValue={options.domain ?? ""}>
            <option value="">All domains</option>
            {graph.domains.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </Select>
        </div>
        <button type="submit" className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700">
          Apply
        </button>
      </form>
      {graph.truncated && (
        <p role="status" className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          More products are reachable than the graph shows; lower the depth or pick a domain.
        </p>
      )}
      {graph.nodes.length <= 1 ? (
        <EmptyState>No lineage declared yet: {product.name} names no upstream product or system, and no product reads from it.</EmptyState>
      ) : (
        <>
          <LineageGraphView graph={graph} />
          <div className="mt-6 grid gap-4 md:grid-cols-2">
            <Card title={`Upstream (${upstream.length + systems.length})`}>
              <NodeList nodes={upstream} empty="Nothing upstream at this depth." />
              {systems.length > 0 && (
                <ul className="mt-2 space-y-1 text-sm" aria-label="External systems">
                  {systems.map((s) => (
                    <li key={s.id}>
                      <span className="font-mono">{s.name}</span> <span className="text-slate-600">(external system)</span>
                    </li>
                  ))}
                </ul>
              )}
            </Card>
            <Card title={`Downstream (${downstream.length})`}>
              <NodeList nodes={downstream} empty="No product reads from this one at this depth." />
            </Card>
          </div>
        </>
      )}
    </>
  );
}

function NodeList({ nodes, empty }: { nodes: Extract<LineageNode, { kind: "product" }>[]; empty: string }) {
  if (nodes.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <ul className="space-y-1 text-sm">
      {nodes.map((n) => (
        <li key={n.id} className="flex flex-wrap gap-x-2">
          <Link href={productPath(n)} className="font-mono text-brand-700 underline">
            {n.domain}/{n.name}
          </Link>
          <span className="text-slate-600">
            {Math.abs(n.depth)} step{Math.abs(n.depth) === 1 ? "" : "s"} · {n.lifecycle.replace("_", " ")} · {n.owner}
          </span>
        </li>
      ))}
    </ul>
  );
}
