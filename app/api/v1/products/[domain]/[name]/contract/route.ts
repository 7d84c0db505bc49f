// GET /api/v1/products/{domain}/{name}/contract?format=yaml|odcs|odps&version=: the product's contract.
// ODPS is documented but not offered yet (501) until the contracts work lands.
import { apiRoute } from "@/lib/api/route";
import { requireScope } from "@/lib/api/caller";
import { NotImplementedError } from "@/lib/api/problem";
import { getProduct, getVersionSpec } from "@/lib/products/queries";
import { toProductYaml } from "@/lib/products/yaml";
import { toOdcsYaml } from "@/lib/products/odcs";
import { NotFoundError, ValidationError } from "@/lib/errors";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ domain: string; name: string }>(async (request, caller, { domain, name }) => {
  await requireScope(caller, "read");
  const url = new URL(request.url);
  const format = url.searchParams.get("format") ?? "yaml";
  if (format === "odps") throw new NotImplementedError("ODPS export is not available on this installation yet: use format=yaml or odcs.");
  if (format !== "yaml" && format !== "odcs")
    throw new ValidationError("format must be yaml, odcs or odps.", { format: ["Use yaml, odcs or odps."] });
  const product = await getProduct(domain, name);
  if (!product) throw new NotFoundError("This data product does not exist.");
  const version = url.searchParams.get("version");
  const spec = version ? await getVersionSpec(product.id, version) : product.spec;
  if (!spec) throw new NotFoundError(`Version ${version} does not exist.`);
  const body = format === "odcs" ? toOdcsYaml(spec, { lifecycle: product.lifecycle }) : toProductYaml(spec);
  return new Response(body, {
    headers: {
      "Content-Type": "application/yaml; charset=utf-8",
      "Content-Disposition": `inline; filename="${domain}-${name}-${spec.version}${format === "odcs" ? ".odcs" : ""}.yaml"`,
      "Cache-Control": "private, no-store",
    },
  });
});
