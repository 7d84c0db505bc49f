// Catalog search as a machine interface: the same query parameters and ranking as the catalog page, as JSON.
import { getCurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { toErrorResponse } from "@/lib/errors";
import { searchCatalog } from "@/lib/products/catalog-cache";
import { parseSearchParams } from "@/lib/products/search-query";

export async function GET(request: Request): Promise<Response> {
  try {
    const user = await getCurrentUser();
    if (!can.readCatalog(user)) return Response.json({ error: "Please sign in." }, { status: 401 });

    // Repeated parameters keep all their values; parseSearchParams takes the first, like the page does.
    // A Map: with a plain object, ?constructor= or ?__proto__= would find the prototype's value and throw.
    const values = new Map<string, string[]>();
    for (const [key, value] of new URL(request.url).searchParams) values.set(key, [...(values.get(key) ?? []), value]);
    const params: Record<string, string[]> = Object.fromEntries(values);

    const { items, total, totalIsCapped, page, pageSize } = await searchCatalog(parseSearchParams(params));
    // Results depend on the caller's session: never let a shared cache keep them.
    return Response.json({ items, total, totalIsCapped, page, pageSize }, { headers: { "Cache-Control": "private, no-store" } });
  } catch (e) {
    return toErrorResponse(e);
  }
}
