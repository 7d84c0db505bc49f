// GET /api/v1/products/{domain}/{name}/contract?format=yaml|odcs|odps&version=: the product's document, the same
// as the product page's export (a declared ODCS contract comes back as declared, with all its datasets).
import { apiRoute } from "@/lib/api/route";
import { requireScope } from "@/lib/api/caller";
import { EXPORT_FORMATS, productDocument, type ExportFormat } from "@/lib/products/queries";
import { NotFoundError, ValidationError } from "@/lib/errors";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ domain: string; name: string }>(async (request, caller, { domain, name }) => {
  await requireScope(caller, "read");
  const url = new URL(request.url);
  const format = url.searchParams.get("format") ?? "yaml";
  if (!(EXPORT_FORMATS as readonly string[]).includes(format))
    throw new ValidationError("format must be yaml, odcs or odps.", { format: ["Use yaml, odcs or odps."] });
  const version = url.searchParams.get("version");
  const doc = await productDocument(domain, name, format as ExportFormat, version);
  if ("missing" in doc)
    throw new NotFoundError(doc.missing === "product" ? "This data product does not exist." : `Version ${version} does not exist.`);
  return new Response(doc.body, {
    headers: {
      "Content-Type": "application/yaml; charset=utf-8",
      "Content-Disposition": `inline; filename="${doc.filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
});

// Methods this address does not serve: 405 problem+json with Allow; OPTIONS: that Allow (lib/api/unserved.ts).
export { POST, PUT, PATCH, DELETE, OPTIONS } from "@/lib/api/unserved";
