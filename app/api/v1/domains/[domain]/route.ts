// GET /api/v1/domains/{domain} · PATCH (data admins): name, description, owner team, status.
import { apiRoute, JSON_HEADERS, readJsonObject } from "@/lib/api/route";
import { requireScope } from "@/lib/api/caller";
import { domainDto } from "@/lib/api/dto";
import { getDomain, updateDomain } from "@/lib/domains/service";
import { NotFoundError } from "@/lib/errors";

export const dynamic = "force-dynamic";

type Params = { domain: string };

export const GET = apiRoute<Params>(async (_request, caller, { domain: slug }) => {
  await requireScope(caller, "read");
  const domain = await getDomain(slug);
  if (!domain) throw new NotFoundError("This domain does not exist.");
  return Response.json(domainDto(domain), { headers: JSON_HEADERS });
});

export const PATCH = apiRoute<Params>(async (request, caller, { domain: slug }) => {
  const body = await readJsonObject(request);
  await requireScope(caller, "write", slug);
  // A partial update: what the body leaves out keeps its value.
  const current = await getDomain(slug);
  const { slug: _ignored, ...changes } = body;
  await updateDomain(caller.user, slug, {
    name: current?.name,
    description: current?.description,
    ownerTeam: current?.ownerTeam,
    status: current?.status === "archived" ? undefined : current?.status,
    ...changes,
  });
  const domain = await getDomain(slug);
  if (!domain) throw new NotFoundError("This domain does not exist.");
  return Response.json(domainDto(domain), { headers: JSON_HEADERS });
});

// Methods this address does not serve: 405 problem+json with Allow; OPTIONS: that Allow (lib/api/unserved.ts).
export { POST, PUT, DELETE, OPTIONS } from "@/lib/api/unserved";
