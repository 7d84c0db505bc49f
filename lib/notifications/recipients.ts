// Who hears of an event: one function per kind of audience, each one SQL statement, all reading the
// database at the moment of the event (memberships and grants change; the notification records who was told).
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db";
import { impactOfChange, liveDownstream } from "@/lib/lineage/server";
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

/**
 * The people a deprecation, retirement or breaking version of a product concerns: what the lifecycle
 * confirmation showed before it was confirmed (lib/lineage impactOfChange: holders of live grants, readers
 * of the last RECENT_READS_DAYS days, live downstream products), plus its followers and, for each live
 * downstream product, its owner of record and its domain's owners (an owner of record is often a team
 * address). Disabled users and service accounts hear nothing.
 */
export async function recipientsForProductChange(tx: Tx, productId: string): Promise<Ids> {
  const impact = await impactOfChange(productId, tx);
  const downstream = liveDownstream(impact);
  const people = [...impact.grantHolders.map((g) => g.userId), ...impact.recentReaders.map((r) => r.userId)];
  return ids(
    tx,
    Prisma.sql`
      SELECT u.id::text AS id FROM users u
      WHERE NOT u.disabled AND u.service_account_domain_id IS NULL AND (
        u.id = ANY(${people}::uuid[])
        OR u.id IN (SELECT user_id FROM product_follows WHERE product_id = ${productId}::uuid)
        OR lower(u.email) = ANY(${downstream.map((d) => d.owner.toLowerCase())}::text[])
        OR u.id IN (SELECT m.user_id FROM domain_memberships m JOIN domains d ON d.id = m.domain_id
                    WHERE m.role = 'owner' AND d.slug = ANY(${[...new Set(downstream.map((d) => d.domain))]}::text[])))`,
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
