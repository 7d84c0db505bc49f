// POST /api/v1/products/validate: the document parsed and validated against its domain's effective policy,
// nothing stored (`meshport validate`, CI checks before merge).
import { apiRoute, JSON_HEADERS, readText } from "@/lib/api/route";
import { requireScope } from "@/lib/api/caller";
import { parseProductDocument } from "@/lib/products/import-product";
import { MAX_IMPORT_BYTES } from "@/lib/products/import-limits";
import { validateDraft } from "@/lib/governance/compliance/validate-draft.db";

export const dynamic = "force-dynamic";

export const POST = apiRoute(async (request, caller) => {
  await requireScope(caller, "read");
  const url = new URL(request.url);
  const defaults = { domain: url.searchParams.get("domain") ?? undefined, owner: url.searchParams.get("owner") ?? undefined };
  const { spec } = parseProductDocument(await readText(request, MAX_IMPORT_BYTES + 1024), "auto", defaults);
  const { status, findings } = await validateDraft(spec);
  return Response.json(
    {
      action: "validated",
      domain: spec.domain,
      name: spec.name,
      version: spec.version,
      status,
      findings: findings.map((f) => ({ ruleId: f.ruleId, severity: f.severity, message: f.message, path: f.path, fixHint: f.fixHint })),
      href: `/products/${spec.domain}/${spec.name}`,
    },
    { headers: JSON_HEADERS },
  );
});

// Methods this address does not serve: 405 problem+json with Allow; OPTIONS: that Allow (lib/api/unserved.ts).
export { GET, PUT, PATCH, DELETE, OPTIONS } from "@/lib/api/unserved";
