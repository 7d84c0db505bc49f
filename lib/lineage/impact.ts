// Who a change to a product reaches: every product downstream of it (transitively, with owners), every
// holder of a live access grant and everyone who read its data in the last 30 days. The lifecycle
// confirmation shows it before a deprecation, retirement or breaking version; notifications call it too.
import "server-only";
import { db } from "@/lib/db";
import type { Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { isoTimestamp } from "@/lib/sql";
import type { ImpactOfChange } from "./types";

export const RECENT_READS_DAYS = 30;

export async function impactOfChange(productId: string, client: Tx | typeof db = db): Promise<ImpactOfChange> {
  const [downstream, grantHolders, recentReaders] = await Promise.all([
    client.$queryRaw<ImpactOfChange["downstream"]>`
      WITH RECURSIVE down(id, depth) AS (
        SELECT e.to_product_id, 1 FROM lineage_edges e
         WHERE e.from_product_id = ${productId}::uuid AND e.from_field IS NULL
        UNION
        SELECT e.to_product_id, d.depth + 1 FROM lineage_edges e JOIN down d ON e.from_product_id = d.id
         WHERE e.from_field IS NULL AND d.depth < 50
      )
      SELECT p.id::text AS id, dm.slug AS domain, p.name, p.owner, p.lifecycle::text AS lifecycle, min(down.depth)::int AS depth
        FROM down JOIN data_products p ON p.id = down.id JOIN domains dm ON dm.id = p.domain_id
       WHERE p.id <> ${productId}::uuid
       GROUP BY p.id, dm.slug
       ORDER BY depth, dm.slug, p.name`,
    client.$queryRaw<ImpactOfChange["grantHolders"]>`
      SELECT u.id::text AS "userId", u.email, u.name, ${isoTimestamp(Prisma.sql`max(g.expires_at)`)} AS "expiresAt"
        FROM access_grants g JOIN users u ON u.id = g.user_id
       WHERE g.product_id = ${productId}::uuid AND g.ended_at IS NULL AND g.expires_at > (now() AT TIME ZONE 'UTC')
       GROUP BY u.id ORDER BY u.email`,
    client.$queryRaw<ImpactOfChange["recentReaders"]>`
      SELECT u.id::text AS "userId", u.email, u.name, count(*)::int AS reads,
             ${isoTimestamp(Prisma.sql`max(e.at)`)} AS "lastReadAt"
        FROM metric_events e JOIN users u ON u.id = e.user_id
       WHERE e.product_id = ${productId}::uuid AND e.type = 'product_read'
         AND e.at >= (now() AT TIME ZONE 'UTC') - make_interval(days => ${RECENT_READS_DAYS})
       GROUP BY u.id ORDER BY count(*) DESC, u.email`,
  ]);
  return { downstream, grantHolders, recentReaders };
}

/** Downstream products still in use: everything but retired ones. */
export function liveDownstream(impact: ImpactOfChange): ImpactOfChange["downstream"] {
  return impact.downstream.filter((p) => p.lifecycle !== "retired");
}
