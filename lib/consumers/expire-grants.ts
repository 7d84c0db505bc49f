// The expiry sweep (a pg-boss cron job, job-handlers.ts): grants past their expiry are ended — the row, the
// request's status ("expired", shown on the consumer's My access page) and the PostgreSQL login role in one
// transaction per grant — and the consumer is told through an audit event naming them. Reads stop at the
// expiry instant regardless (every read decision checks expires_at); the sweep cleans up and says so.
import "server-only";
import { db } from "@/lib/db";
import { audit } from "@/lib/audit/writer";
import { logger } from "@/lib/logger";
import { productResource } from "@/lib/auth/server";
import { publishEvent } from "@/lib/notifications/server";
import { endGrant } from "./decide-access";

const BATCH = 200;

/** Holders hear this long before their grant ends that it will (once per grant). */
export const EXPIRY_WARNING_DAYS = 3;

/**
 * The warning pass of the same sweep: live grants that end within EXPIRY_WARNING_DAYS and whose holder
 * was not told yet. Marking the grant and publishing commit together, so a holder is told once even with
 * several workers (the conditional update lets one of them win).
 */
export async function warnExpiringGrants(now: Date = new Date()): Promise<{ warned: number }> {
  const horizon = new Date(now.getTime() + EXPIRY_WARNING_DAYS * 86_400_000);
  const due = await db.accessGrant.findMany({
    where: { endedAt: null, expiryWarnedAt: null, expiresAt: { gt: now, lte: horizon } },
    orderBy: { expiresAt: "asc" },
    take: 1000,
    select: { id: true, userId: true, expiresAt: true, product: { select: { id: true, name: true, domain: { select: { slug: true } } } } },
  });
  let warned = 0;
  for (const g of due) {
    await db.$transaction(async (tx) => {
      const marked = await tx.accessGrant.updateMany({ where: { id: g.id, expiryWarnedAt: null }, data: { expiryWarnedAt: now } });
      if (marked.count !== 1) return;
      await publishEvent(
        {
          type: "access.expiring",
          product: { id: g.product.id, domain: g.product.domain.slug, name: g.product.name },
          grantId: g.id,
          holderId: g.userId,
          expiresAt: g.expiresAt.toISOString(),
        },
        tx,
      );
      warned++;
    });
  }
  return { warned };
}

export async function expireGrants(now: Date = new Date()): Promise<{ expired: number }> {
  let expired = 0;
  const failed: string[] = [];
  for (;;) {
    const due = await db.accessGrant.findMany({
      where: { endedAt: null, expiresAt: { lte: now }, id: { notIn: failed } },
      orderBy: { expiresAt: "asc" },
      take: BATCH,
      select: {
        id: true,
        requestId: true,
        dbRole: true,
        userId: true,
        expiresAt: true,
        product: { select: { name: true, domain: { select: { slug: true } } } },
      },
    });
    if (due.length === 0) break;
    for (const g of due) {
      try {
        await db.$transaction(async (tx) => {
          const note = `Expired on ${g.expiresAt.toISOString()}; request access again to keep reading.`;
          if (!(await endGrant(tx, g, { reason: "expired", byId: null, note, now }))) return;
          const consumer = await tx.user.findUnique({ where: { id: g.userId }, select: { email: true } });
          await audit(
            {
              subject: "system:grant-expiry",
              action: "access:expire",
              resource: productResource(g.product.domain.slug, g.product.name),
              decision: "allow",
              policyId: "portal-permissions",
              reason: `Access of ${consumer?.email ?? "a deleted user"} expired on ${g.expiresAt.toISOString()}; grant ${g.id} ended and its database login dropped.`,
              context: { grantId: g.id, requestId: g.requestId, consumer: consumer?.email ?? null },
            },
            tx,
          );
          expired++;
        });
      } catch (err) {
        failed.push(g.id);
        logger.error({ err, grantId: g.id }, "could not expire an access grant");
      }
    }
    if (due.length < BATCH) break;
  }
  return { expired };
}
