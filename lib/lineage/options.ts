// The products a form offers as upstream sources: every product not retired, by domain/name.
import "server-only";
import { db } from "@/lib/db";

export const MAX_UPSTREAM_OPTIONS = 2000;

export async function listUpstreamOptions(): Promise<string[]> {
  const rows = await db.$queryRaw<{ ref: string }[]>`
    SELECT d.slug || '/' || p.name AS ref FROM data_products p JOIN domains d ON d.id = p.domain_id
     WHERE p.lifecycle <> 'retired' ORDER BY 1 LIMIT ${MAX_UPSTREAM_OPTIONS}`;
  return rows.map((r) => r.ref);
}
