// POST /api/v1/products/{domain}/{name}/lifecycle {to, note?, sunsetOn?}: the same moves, gates and audit
// records as the product page's lifecycle buttons (moveLifecycle).
import { apiRoute, JSON_HEADERS, readJsonObject } from "@/lib/api/route";
import { requireScope } from "@/lib/api/caller";
import { moveLifecycle } from "@/lib/products/move-lifecycle";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ domain: string; name: string }>(async (request, caller, { domain, name }) => {
  const body = await readJsonObject(request);
  await requireScope(caller, "write", domain);
  const note = typeof body.note === "string" ? body.note : "";
  const sunsetOn = typeof body.sunsetOn === "string" ? body.sunsetOn : null;
  await moveLifecycle(caller.user, { domain, name }, body.to, note, sunsetOn);
  return Response.json({ domain, name, lifecycle: body.to }, { headers: JSON_HEADERS });
});

// Methods this address does not serve: 405 problem+json with Allow; OPTIONS: that Allow (lib/api/unserved.ts).
export { GET, PUT, PATCH, DELETE, OPTIONS } from "@/lib/api/unserved";
