// GET /api/v1/products/{domain}/{name}: one product (catalog metadata, schema, SLOs, links).
import { apiRoute, JSON_HEADERS } from "@/lib/api/route";
import { requireScope } from "@/lib/api/caller";
import { productDto } from "@/lib/api/dto";
import { catalogEntry } from "@/lib/products/catalog-cache";
import { NotFoundError } from "@/lib/errors";

export const dynamic = "force-dynamic";

// The catalog entry is visible to every caller with the read scope: it is looked up while the token is checked,
// through the catalog's answer cache (emptied by NOTIFY on every change to a product or a domain).
export const GET = apiRoute(
  async (_request, caller, _params, lookup) => {
    await requireScope(caller, "read");
    const product = await lookup;
    if (!product) throw new NotFoundError("This data product does not exist.");
    return Response.json(productDto(product), { headers: JSON_HEADERS });
  },
  { prefetch: ({ domain, name }: { domain: string; name: string }) => catalogEntry(domain, name) },
);

// Methods this address does not serve: 405 problem+json with Allow; OPTIONS: that Allow (lib/api/unserved.ts).
export { POST, PUT, PATCH, DELETE, OPTIONS } from "@/lib/api/unserved";
