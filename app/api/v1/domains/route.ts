// GET /api/v1/domains (every caller) · POST /api/v1/domains (data admins; domains as code).
import { apiRoute, JSON_HEADERS, readJsonObject } from "@/lib/api/route";
import { requireScope } from "@/lib/api/caller";
import { domainDto } from "@/lib/api/dto";
import { createDomain, getDomain, listDomains } from "@/lib/domains/service";
import { NotFoundError } from "@/lib/errors";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async (request, caller) => {
  await requireScope(caller, "read");
  const includeArchived = new URL(request.url).searchParams.get("includeArchived") === "true";
  const { items, total } = await listDomains({ includeArchived });
  return Response.json({ items, total }, { headers: JSON_HEADERS });
});

export const POST = apiRoute(async (request, caller) => {
  const body = await readJsonObject(request);
  await requireScope(caller, "write", typeof body.slug === "string" ? body.slug : undefined);
  const { slug } = await createDomain(caller.user, body);
  const domain = await getDomain(slug);
  if (!domain) throw new NotFoundError("This domain does not exist.");
  return Response.json(domainDto(domain), { status: 201, headers: { ...JSON_HEADERS, Location: `/api/v1/domains/${slug}` } });
});

// Methods this address does not serve: 405 problem+json with Allow; OPTIONS: that Allow (lib/api/unserved.ts).
export { PUT, PATCH, DELETE, OPTIONS } from "@/lib/api/unserved";
