// GET /api/v1/products/{domain}/{name}: one product (catalog metadata, schema, SLOs, links).
import { apiRoute, JSON_HEADERS } from "@/lib/api/route";
import { requireScope } from "@/lib/api/caller";
import { productDto } from "@/lib/api/dto";
import { getProduct } from "@/lib/products/queries";
import { NotFoundError } from "@/lib/errors";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ domain: string; name: string }>(async (_request, caller, { domain, name }) => {
  await requireScope(caller, "read");
  const product = await getProduct(domain, name);
  if (!product) throw new NotFoundError("This data product does not exist.");
  return Response.json(productDto(product), { headers: JSON_HEADERS });
});
