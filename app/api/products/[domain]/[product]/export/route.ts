// Export of a product (current or any version) as the seed's DataProduct YAML or as an ODCS v3.1 contract.
import { getCurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { toErrorResponse } from "@/lib/errors";
import { getProduct, getVersionSpec } from "@/lib/products/queries";
import { toProductYaml } from "@/lib/products/yaml";
import { toOdcsYaml } from "@/lib/products/odcs";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ domain: string; product: string }> }) {
  try {
    const user = await getCurrentUser();
    if (!can.readCatalog(user)) return Response.json({ error: "Please sign in." }, { status: 401 });
    const { domain, product: name } = await params;
    const url = new URL(request.url);
    const format = url.searchParams.get("format") ?? "yaml";
    if (format !== "yaml" && format !== "odcs") return Response.json({ error: "format must be yaml or odcs" }, { status: 400 });
    const product = await getProduct(domain, name);
    if (!product) return Response.json({ error: "Not found" }, { status: 404 });
    const version = url.searchParams.get("version");
    const spec = version ? await getVersionSpec(product.id, version) : product.spec;
    if (!spec) return Response.json({ error: `Version ${version} does not exist` }, { status: 404 });
    const body = format === "odcs" ? toOdcsYaml(spec, { lifecycle: product.lifecycle }) : toProductYaml(spec);
    const filename = `${domain}-${name}-${spec.version}${format === "odcs" ? ".odcs" : ""}.yaml`;
    return new Response(body, {
      headers: {
        "Content-Type": "application/yaml; charset=utf-8",
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (e) {
    return toErrorResponse(e);
  }
}
