// POST /api/v1/access-requests/{id}/decision {decision: approve|deny, note?}: the product's owners decide.
import { apiRoute, JSON_HEADERS, readJsonObject } from "@/lib/api/route";
import { requireScope } from "@/lib/api/caller";
import { decideAccessRequest } from "@/lib/consumers/decide-access";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ id: string }>(async (request, caller, { id }) => {
  const body = await readJsonObject(request);
  await requireScope(caller, "write");
  const { status } = await decideAccessRequest(caller.user, { requestId: id, decision: body.decision, note: body.note ?? "" });
  return Response.json({ id, status }, { headers: JSON_HEADERS });
});
