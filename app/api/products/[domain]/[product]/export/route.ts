// Export of a product (current or any version) for the product page's download links: the seed's DataProduct YAML,
// its ODCS v3.1 contract or an ODPS v1.0 product document (lib/products/queries.ts productDocument, which REST API
// v1's contract route serves too).
import { getCurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { toErrorResponse } from "@/lib/errors";
import { EXPORT_FORMATS, productDocument, type ExportFormat } from "@/lib/products/queries";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ domain: string; product: string }> }) {
  try {
    const user = await getCurrentUser();
    if (!can.readCatalog(user)) return Response.json({ error: "Please sign in." }, { status: 401 });
    const { domain, product: name } = await params;
    const url = new URL(request.url);
    const format = url.searchParams.get("format") ?? "yaml";
    if (!(EXPORT_FORMATS as readonly string[]).includes(format))
      return Response.json({ error: "format must be yaml, odcs or odps" }, { status: 400 });
    const version = url.searchParams.get("version");
    const doc = await productDocument(domain, name, format as ExportFormat, version);
    if ("missing" in doc)
      return Response.json({ error: doc.missing === "product" ? "Not found" : `Version ${version} does not exist` }, { status: 404 });
    return new Response(doc.body, {
      headers: {
        "Content-Type": "application/yaml; charset=utf-8",
        "Content-Disposition": `attachment; filename="${doc.filename}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (e) {
    return toErrorResponse(e);
  }
}
