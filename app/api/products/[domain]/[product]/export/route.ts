// Export of a product (current or any version): the seed's DataProduct YAML, its ODCS v3.1 contract (as declared,
// or derived from the spec for seed-format products) or an ODPS v1.0 product document referencing that contract.
import { getCurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { toErrorResponse } from "@/lib/errors";
import { getProduct, getVersionExport } from "@/lib/products/queries";
import { toProductYaml } from "@/lib/products/yaml";
import { exportContractYaml, exportOdpsYaml } from "@/lib/products";

export const dynamic = "force-dynamic";

const FORMATS = ["yaml", "odcs", "odps"] as const;

export async function GET(request: Request, { params }: { params: Promise<{ domain: string; product: string }> }) {
  try {
    const user = await getCurrentUser();
    if (!can.readCatalog(user)) return Response.json({ error: "Please sign in." }, { status: 401 });
    const { domain, product: name } = await params;
    const url = new URL(request.url);
    const format = url.searchParams.get("format") ?? "yaml";
    if (!(FORMATS as readonly string[]).includes(format))
      return Response.json({ error: "format must be yaml, odcs or odps" }, { status: 400 });
    const product = await getProduct(domain, name);
    if (!product) return Response.json({ error: "Not found" }, { status: 404 });
    const version = url.searchParams.get("version");
    const found = version ? await getVersionExport(product.id, version) : { spec: product.spec, contract: product.contract };
    if (!found) return Response.json({ error: `Version ${version} does not exist` }, { status: 404 });
    const source = { ...found, lifecycle: product.lifecycle, domain };
    const body = format === "odcs" ? exportContractYaml(source) : format === "odps" ? exportOdpsYaml(source) : toProductYaml(found.spec);
    const suffix = format === "yaml" ? "" : `.${format}`;
    const filename = `${domain}-${name}-${found.spec.version}${suffix}.yaml`;
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
