// GET /api/v1/products/{domain}/{name}/lineage: the lineage graph around a product (nodes, edges with their
// transformations and column mappings), to ?depth= (1–10, default 3), ?direction= (both, upstream,
// downstream) and optionally only ?domain=.
import { apiRoute, JSON_HEADERS } from "@/lib/api/route";
import { requireScope } from "@/lib/api/caller";
import { getProduct } from "@/lib/products/queries";
import { getLineageGraph, parseGraphOptions } from "@/lib/lineage/server";
import { NotFoundError } from "@/lib/errors";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ domain: string; name: string }>(async (request, caller, { domain, name }) => {
  await requireScope(caller, "read");
  const product = await getProduct(domain, name);
  if (!product) throw new NotFoundError("This data product does not exist.");
  const q = new URL(request.url).searchParams;
  const options = parseGraphOptions({
    depth: q.get("depth") ?? undefined,
    direction: q.get("direction") ?? undefined,
    domain: q.get("domain") ?? undefined,
  });
  const graph = await getLineageGraph(product.id, options);
  return Response.json(graph, { headers: JSON_HEADERS });
});

// Methods this address does not serve: 405 problem+json with Allow; OPTIONS: that Allow (lib/api/unserved.ts).
export { POST, PUT, PATCH, DELETE, OPTIONS } from "@/lib/api/unserved";
