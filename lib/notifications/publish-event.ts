// THE entry point for telling people something happened: publishEvent(event). It stores the event once,
// one notification row per recipient who wants it in the portal, one delivery per matching webhook
// subscription, and puts the e-mails and webhook deliveries on the pg-boss queue. Inside a caller's
// transaction it writes through that transaction (so nothing is announced for an action that rolls back)
// behind a savepoint: a failure here is logged and rolled back to the savepoint, never failing the action.
// Delivery itself (HTTP, SMTP) only ever happens in jobs.
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db, type Tx } from "@/lib/db";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { EMAIL_QUEUE, WEBHOOK_QUEUE, enqueueJobs, queueDbOf, type EmailMessage, type WebhookMessage } from "@/lib/jobs/queue";
import { describeEvent, type NotificationEventInput } from "./types";
import { recipientsFor } from "./recipients";

export type Published = { eventId: string; notified: number; emails: number; webhooks: number };

function payloadOf(e: NotificationEventInput): Record<string, unknown> {
  const { type: _type, actorId: _actor, ...data } = e;
  return data;
}

function domainOf(e: NotificationEventInput): string | null {
  return e.type === "compliance.violation" ? e.domain : e.product.domain;
}

async function write(tx: Tx, e: NotificationEventInput): Promise<Published> {
  const { title, link } = describeEvent(e);
  const recipients = await recipientsFor(tx, e);
  const product = "product" in e && e.product ? e.product : null;
  const domain = domainOf(e);
  const [event] = await tx.$queryRaw<{ id: string }[]>(Prisma.sql`
    INSERT INTO notification_events (id, type, product_id, domain_id, actor_id, title, link, payload)
    VALUES (gen_random_uuid(), ${e.type}, ${product?.id ?? null}::uuid,
            (SELECT id FROM domains WHERE slug = ${domain}), ${e.actorId ?? null}::uuid,
            ${title}, ${link}, ${JSON.stringify(payloadOf(e))}::jsonb)
    RETURNING id::text AS id`);

  // In the portal unless the user turned this type off (no preference row = on).
  const notified = recipients.length
    ? await tx.$executeRaw(Prisma.sql`
        INSERT INTO notifications (id, event_id, user_id)
        SELECT gen_random_uuid(), ${event.id}::uuid, r.id
        FROM unnest(${recipients}::uuid[]) AS r(id)
        WHERE NOT EXISTS (SELECT 1 FROM notification_preferences p WHERE p.user_id = r.id AND p.event_type = ${e.type} AND NOT p.in_app)`)
    : 0;

  // By e-mail only to those who asked for it, and only when an SMTP server is configured.
  const mailTo =
    recipients.length && env().SMTP_HOST
      ? await tx.$queryRaw<{ id: string }[]>(Prisma.sql`
          SELECT user_id::text AS id FROM notification_preferences
          WHERE event_type = ${e.type} AND email AND user_id = ANY(${recipients}::uuid[])`)
      : [];

  const deliveries = await tx.$queryRaw<{ id: string }[]>(Prisma.sql`
    INSERT INTO webhook_deliveries (id, subscription_id, event_id, next_attempt_at)
    SELECT gen_random_uuid(), s.id, ${event.id}::uuid, now() AT TIME ZONE 'UTC'
    FROM webhook_subscriptions s
    WHERE s.disabled_at IS NULL AND ${e.type} = ANY(s.event_types)
      AND (s.domain_id IS NULL OR s.domain_id = (SELECT id FROM domains WHERE slug = ${domain}))
    RETURNING id::text AS id`);

  // The queue is a second step of its own: if pg-boss cannot take the jobs, the notifications stay, and the
  // webhook deliveries (pending, due now) are picked up by the recovery sweep (deliver-webhook.ts).
  await tx.$executeRawUnsafe("SAVEPOINT mp_notify_queue");
  try {
    await enqueueJobs(
      [
        ...mailTo.map((m) => ({
          name: EMAIL_QUEUE,
          data: { eventId: event.id, userId: m.id } satisfies EmailMessage,
          singletonKey: `${event.id}:${m.id}`,
        })),
        ...deliveries.map((d) => ({ name: WEBHOOK_QUEUE, data: { deliveryId: d.id, attempt: 1 } satisfies WebhookMessage })),
      ],
      queueDbOf(tx),
    );
    await tx.$executeRawUnsafe("RELEASE SAVEPOINT mp_notify_queue");
  } catch (err) {
    await tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT mp_notify_queue");
    logger.error({ err, eventId: event.id }, "could not queue an event's e-mails and webhook deliveries");
  }
  return { eventId: event.id, notified, emails: mailTo.length, webhooks: deliveries.length };
}

/**
 * Tells the event's recipients and subscribers. Pass the transaction when the event is part of a change
 * (it commits with it); without one it writes in a transaction of its own. Never throws: a failure is
 * logged and the result is null, so no action fails because people could not be told.
 */
export async function publishEvent(event: NotificationEventInput, tx?: Tx): Promise<Published | null> {
  try {
    if (!tx) return await db.$transaction((t) => write(t, event), { timeout: 60_000 });
    await tx.$executeRawUnsafe("SAVEPOINT mp_notify");
    try {
      const published = await write(tx, event);
      await tx.$executeRawUnsafe("RELEASE SAVEPOINT mp_notify");
      return published;
    } catch (err) {
      await tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT mp_notify");
      throw err;
    }
  } catch (err) {
    logger.error({ err, type: event.type }, "could not publish a notification event");
    return null;
  }
}
