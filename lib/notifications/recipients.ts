// Who hears of an event: one function per kind of audience, each one SQL statement, all reading the
// database at the moment of the event (memberships and grants change; the notification records who was told).
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db";
import type { NotificationEventInput } from "./types";

type Ids = string[];

async function ids(tx: Tx, query: Prisma.Sql): Promise<Ids> {
  const rows = await tx.$queryRaw<{ id: string }[]>(query);
  return rows.map((r) => r.id);
}

/**
 * A domain's owners: producers holding an `owner` membership (the people who decide access, move the
 * lifecycle and provision; README "Roles"). Disabled users and service accounts hear nothing.
 */
export function domainOwners(tx: Tx, domainSlug: string): Promise<Ids> {
  return ids(
    tx,
    Prisma.sql`
      SELECT u.id::text AS id FROM users u
      JOIN domain_memberships m ON m.user_id = u.id
      JOIN domains d ON d.id = m.domain_id
      WHERE d.slug = ${domainSlug} AND m.role = 'owner' AND 'data_producer' = ANY(u.roles::text[])
        AND NOT u.disabled AND u.service_account_domain_id IS NULL`,
  );
}

/** Everyone with the governance role. */
export function governanceUsers(tx: Tx): Promise<Ids> {
  return ids(
    tx,
    Prisma.sql`SELECT id::text AS id FROM users WHERE 'governance' = ANY(roles::text[]) AND NOT disabled AND service_account_domain_id IS NULL`,
  );
}

/** How far back a reader counts as a "recent reader" of a product. */
export const RECENT_READER_DAYS = 30;

/**
 * The people a deprecation or breaking version of a product concerns: holders of live grants on it, its
 * recent readers (product_read events of the last RECENT_READER_DAYS days), its followers, and the owners of record
 * and domain owners of every live product downstream of it (lineage_edges, as impactOfChange walks it).
 */
export async function recipientsForProductChange(tx: Tx, productId: string, now: Date = new Date()): Promise<Ids> {
  const since = new Date(now.getTime() - RECENT_READER_DAYS * 86_400_000);
  // Downstream as lib/lineage/impact.ts walks it (product-level edges, transitively; cycles are refused at
  // save, the depth bound is a guard): the owners of record of the live products that read from this one.
  return ids(
    tx,
    Prisma.sql`
      WITH RECURSIVE down(id, depth) AS (
        SELECT e.to_product_id, 1 FROM lineage_edges e WHERE e.from_product_id = ${productId}::uuid AND e.from_field IS NULL
        UNION
        SELECT e.to_product_id, d.depth + 1 FROM lineage_edges e JOIN down d ON e.from_product_id = d.id
        WHERE e.from_field IS NULL AND d.depth < 50
      )
      SELECT DISTINCT x.id::text AS id FROM (
        SELECT user_id AS id FROM access_grants
        WHERE product_id = ${productId}::uuid AND ended_at IS NULL AND expires_at > ${now}
        UNION
        SELECT user_id FROM metric_events
        WHERE product_id = ${productId}::uuid AND type = 'product_read' AND at >= ${since} AND user_id IS NOT NULL
        UNION
        SELECT user_id FROM product_follows WHERE product_id = ${productId}::uuid
        UNION
        SELECT o.id FROM down JOIN data_products p ON p.id = down.id AND p.lifecycle <> 'retired'
        JOIN users o ON lower(o.email) = lower(p.owner)
        UNION
        -- An owner of record is often a team address: the downstream domains' owners hear of it too.
        SELECT m.user_id FROM down JOIN data_products p ON p.id = down.id AND p.lifecycle <> 'retired'
        JOIN domain_memberships m ON m.domain_id = p.domain_id AND m.role = 'owner'
      ) x JOIN users u ON u.id = x.id
      WHERE NOT u.disabled AND u.service_account_domain_id IS NULL`,
  );
}

/** The recipients of an event, before preferences and without the person who caused it. */
export async function recipientsFor(tx: Tx, e: NotificationEventInput): Promise<Ids> {
  let out: Ids;
  switch (e.type) {
    case "access.requested":
      out = e.stage === "governance" ? await governanceUsers(tx) : await domainOwners(tx, e.product.domain);
      break;
    case "access.decided":
      out = [e.requesterId];
      break;
    case "access.expiring":
      out = [e.holderId];
      break;
    case "validation.failing":
    case "quality.check_failed":
      out = await domainOwners(tx, e.product.domain);
      break;
    case "provisioning.failed":
      out = [...(await domainOwners(tx, e.product.domain)), ...(e.requestedById ? [e.requestedById] : [])];
      break;
    case "product.deprecated":
    case "product.retired":
    case "product.breaking_change":
      out = await recipientsForProductChange(tx, e.product.id);
      break;
    case "compliance.violation":
      out = [...(await governanceUsers(tx)), ...(await domainOwners(tx, e.domain))];
      break;
  }
  const unique = new Set(out);
  if (e.actorId) unique.delete(e.actorId);
  return [...unique];
}
