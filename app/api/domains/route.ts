// Domain suggestions for type-ahead pickers (the catalog's domain filter): a short list, never all domains.
import { getCurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { toErrorResponse } from "@/lib/errors";
import { suggestDomains } from "@/lib/domains/service";

export async function GET(request: Request): Promise<Response> {
  try {
    const user = await getCurrentUser();
    if (!can.readCatalog(user)) return Response.json({ error: "Please sign in." }, { status: 401 });
    const params = new URL(request.url).searchParams;
    const limit = Number.parseInt(params.get("limit") ?? "10", 10);
    const items = await suggestDomains(params.get("q") ?? "", Number.isFinite(limit) ? limit : 10);
    return Response.json(
      { items: items.map((d) => ({ slug: d.slug, name: d.name })) },
      { headers: { "Cache-Control": "private, no-store" } },
    );
  } catch (e) {
    return toErrorResponse(e);
  }
}
