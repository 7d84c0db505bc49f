// GET /api/v1/access-requests?box=mine|inbox · POST /api/v1/access-requests {domain, name, purpose}:
// the consumer services behind "My access" and the owners' Requests inbox.
import { apiRoute, JSON_HEADERS, readJsonObject } from "@/lib/api/route";
import { requireScope } from "@/lib/api/caller";
import { INBOX_STATUSES, listAccessInbox, listMyAccessRequests, type InboxStatus } from "@/lib/consumers/queries";
import { requestAccess } from "@/lib/consumers/request-access";
import { findProductId } from "@/lib/products/queries";
import { parsePage } from "@/lib/pagination";
import { NotFoundError, ValidationError } from "@/lib/errors";

export const dynamic = "force-dynamic";
const PAGE_SIZE = 50;

export const GET = apiRoute(async (request, caller) => {
  await requireScope(caller, "read");
  const url = new URL(request.url);
  const box = url.searchParams.get("box") ?? "mine";
  if (box !== "mine" && box !== "inbox") throw new ValidationError("box must be mine or inbox.", { box: ["Use mine or inbox."] });
  const page = parsePage(url.searchParams.get("page") ?? undefined);
  if (box === "mine") {
    const { items, total } = await listMyAccessRequests(caller.user.id, { page, pageSize: PAGE_SIZE });
    return Response.json({ items, total }, { headers: JSON_HEADERS });
  }
  const status = url.searchParams.get("status") ?? "pending";
  if (!(INBOX_STATUSES as readonly string[]).includes(status))
    throw new ValidationError(`status must be one of ${INBOX_STATUSES.join(", ")}.`, { status: [`Use ${INBOX_STATUSES.join(", ")}.`] });
  const { items, total } = await listAccessInbox(caller.user, { status: status as InboxStatus, page, pageSize: PAGE_SIZE });
  return Response.json({ items, total }, { headers: JSON_HEADERS });
});

export const POST = apiRoute(async (request, caller) => {
  const body = await readJsonObject(request);
  const domain = typeof body.domain === "string" ? body.domain : "";
  const name = typeof body.name === "string" ? body.name : "";
  await requireScope(caller, "write", domain);
  const productId = domain && name ? await findProductId({ domain, name }) : null;
  if (!productId) throw new NotFoundError("This data product does not exist.", { name: ["No such product in this domain."] });
  const { id } = await requestAccess(caller.user, { productId, purpose: body.purpose });
  return Response.json({ id, status: "pending" }, { status: 201, headers: JSON_HEADERS });
});

// Methods this address does not serve: 405 problem+json with Allow; OPTIONS: that Allow (lib/api/unserved.ts).
export { PUT, PATCH, DELETE, OPTIONS } from "@/lib/api/unserved";
