// GET /api/v1/products: catalog search (the catalog page's parameters and ranking).
// POST /api/v1/products: apply a spec (DataProduct YAML or ODCS) — registers the product or adds a version —
// and answer the validation findings against the domain's effective policy.
import { apiRoute, JSON_HEADERS, readText } from "@/lib/api/route";
import { requireScope } from "@/lib/api/caller";
import { productSummaryDto } from "@/lib/api/dto";
import { searchCatalog } from "@/lib/products/catalog-cache";
import { parseSearchParamsStrict } from "@/lib/products/search-query";
import { importProduct, parseProductDocument } from "@/lib/products/import-product";
import { MAX_IMPORT_BYTES } from "@/lib/products/import-limits";
import { findProductId } from "@/lib/products/queries";
import { validateProductById } from "@/lib/governance/compliance/validate-products.db";
import { NotFoundError, ValidationError } from "@/lib/errors";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async (request, caller) => {
  await requireScope(caller, "read");
  const params: Record<string, string> = {};
  for (const [k, v] of new URL(request.url).searchParams) if (!(k in params)) params[k] = v;
  const parsed = parseSearchParamsStrict(params);
  if (!parsed.ok) throw new ValidationError(`Check the parameters: ${Object.keys(parsed.errors).join(", ")}.`, parsed.errors);
  const result = await searchCatalog(parsed.query);
  return Response.json({ ...result, items: result.items.map(productSummaryDto) }, { headers: JSON_HEADERS });
});

export const POST = apiRoute(async (request, caller) => {
  const url = new URL(request.url);
  const defaults = { domain: url.searchParams.get("domain") ?? undefined, owner: url.searchParams.get("owner") ?? undefined };
  const text = await readText(request, MAX_IMPORT_BYTES + 1024);
  // Parsed first (bad documents are 400 whoever sends them) to learn the domain the token must cover.
  const { spec } = parseProductDocument(text, "auto", defaults);
  await requireScope(caller, "write", spec.domain);
  const result = await importProduct(caller.user, text, "auto", url.searchParams.get("changeNote") ?? undefined, defaults);
  const productId = await findProductId(result);
  if (!productId) throw new NotFoundError("This data product does not exist.");
  const validation = await validateProductById(productId, { trigger: "product-change", userId: caller.user.id });
  return Response.json(
    {
      action: result.action,
      domain: result.domain,
      name: result.name,
      version: result.version,
      status: validation.status,
      findings: validation.findings.map((f) => ({
        ruleId: f.ruleId,
        severity: f.severity,
        message: f.message,
        path: f.path,
        fixHint: f.fixHint,
      })),
      href: `/products/${result.domain}/${result.name}`,
    },
    { status: result.action === "registered" ? 201 : 200, headers: JSON_HEADERS },
  );
});

// Methods this address does not serve: 405 problem+json with Allow; OPTIONS: that Allow (lib/api/unserved.ts).
export { PUT, PATCH, DELETE, OPTIONS } from "@/lib/api/unserved";
