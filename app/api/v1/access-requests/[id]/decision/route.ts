// POST /api/v1/access-requests/{id}/decision {decision: approve|deny, note?, days?}: the product's owners decide
// (governance takes the second step of restricted requests); an approval answers the grant and its expiry.
import { apiRoute, JSON_HEADERS, readJsonObject } from "@/lib/api/route";
import { requireScope } from "@/lib/api/caller";
import { decideAccessRequest } from "@/lib/consumers/decide-access";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ id: string }>(async (request, caller, { id }) => {
  const body = await readJsonObject(request);
  await requireScope(caller, "write");
  const decided = await decideAccessRequest(caller.user, {
    requestId: id,
    decision: body.decision,
    note: body.note ?? "",
    days: body.days,
  });
  return Response.json({ id, ...decided }, { headers: JSON_HEADERS });
});

// Methods this address does not serve: 405 problem+json with Allow; OPTIONS: that Allow (lib/api/unserved.ts).
export { GET, PUT, PATCH, DELETE, OPTIONS } from "@/lib/api/unserved";
