// The webhook job: one attempt at one delivery. The attempt is claimed with a conditional UPDATE (status
// pending and exactly attempt−1 attempts so far), so a duplicated or re-sent message never posts twice.
// The body is the Standard Webhooks envelope {type, timestamp, data}, signed with the subscription's
// secret; a non-2xx answer, a timeout or a refused connection schedules the next attempt (backoff.ts) as a
// new message with a start time, until the attempts run out.
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { logger } from "@/lib/logger";
import { WEBHOOK_QUEUE, enqueueJobs, queueDbOf, type WebhookMessage } from "@/lib/jobs/queue";
import { retryDelaySeconds } from "./backoff";
import { webhookHeaders } from "./signing";

/** How long an endpoint may take to answer. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

export type AttemptOutcome =
  | { outcome: "skipped" }
  | { outcome: "succeeded"; status: number }
  | { outcome: "retrying"; status: number | null; error: string; retryInSeconds: number }
  | { outcome: "failed"; status: number | null; error: string };

type Claimed = {
  id: string;
  attempts: number;
  url: string;
  secret: string;
  event_id: string;
  type: string;
  payload: unknown;
  created_at: Date;
};

/** The body sent for an event (also what the delivery log shows). */
export function webhookBody(e: { type: string; createdAt: Date; payload: unknown }): string {
  return JSON.stringify({ type: e.type, timestamp: e.createdAt.toISOString(), data: e.payload });
}

export async function deliverWebhook(msg: WebhookMessage, now: Date = new Date()): Promise<AttemptOutcome> {
  const [d] = await db.$queryRaw<Claimed[]>(Prisma.sql`
    UPDATE webhook_deliveries w SET attempts = w.attempts + 1, last_attempt_at = ${now}, next_attempt_at = NULL
    FROM webhook_subscriptions s, notification_events e
    WHERE w.id = ${msg.deliveryId}::uuid AND w.status = 'pending' AND w.attempts = ${msg.attempt - 1}
      AND s.id = w.subscription_id AND e.id = w.event_id
    RETURNING w.id::text AS id, w.attempts, s.url, s.secret, e.id::text AS event_id, e.type, e.payload, e.created_at`);
  if (!d) return { outcome: "skipped" };

  const body = webhookBody({ type: d.type, createdAt: d.created_at, payload: d.payload });
  // One message id per event: a receiver de-duplicates retries and redeliveries by it.
  const headers = { ...webhookHeaders(d.secret, `msg_${d.event_id}`, body, now), "user-agent": "Meshport-Webhooks/1" };
  let status: number | null = null;
  let error = "";
  try {
    const res = await fetch(d.url, { method: "POST", headers, body, redirect: "manual", signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS) });
    status = res.status;
    await res.body?.cancel().catch(() => {});
    if (res.status >= 200 && res.status < 300) {
      await db.webhookDelivery.update({
        where: { id: d.id },
        data: { status: "succeeded", lastStatus: status, lastError: null, deliveredAt: new Date() },
      });
      return { outcome: "succeeded", status };
    }
    error = `The endpoint answered ${res.status}.`;
  } catch (e) {
    error =
      e instanceof Error && e.name === "TimeoutError"
        ? `No answer within ${WEBHOOK_TIMEOUT_MS / 1000} s.`
        : "The endpoint could not be reached.";
    logger.info({ err: e, deliveryId: d.id }, "webhook delivery attempt failed");
  }

  const delay = retryDelaySeconds(d.attempts);
  if (delay === null) {
    await db.webhookDelivery.update({ where: { id: d.id }, data: { status: "failed", lastStatus: status, lastError: error } });
    return { outcome: "failed", status, error };
  }
  const next = new Date(now.getTime() + delay * 1000);
  await db.$transaction(async (tx) => {
    await tx.webhookDelivery.update({ where: { id: d.id }, data: { lastStatus: status, lastError: error, nextAttemptAt: next } });
    await enqueueJobs(
      [{ name: WEBHOOK_QUEUE, data: { deliveryId: d.id, attempt: d.attempts + 1 } satisfies WebhookMessage, startAfter: next }],
      queueDbOf(tx),
    );
  });
  return { outcome: "retrying", status, error, retryInSeconds: delay };
}

/**
 * The sweep: deliveries whose next attempt is long overdue (their message was lost, or the queue was down
 * when the event was published) are offered to the workers again. The claim makes a duplicate harmless.
 */
export async function recoverWebhookDeliveries(overdueMs = 10 * 60_000): Promise<number> {
  const due = await db.webhookDelivery.findMany({
    where: { status: "pending", nextAttemptAt: { lt: new Date(Date.now() - overdueMs) } },
    select: { id: true, attempts: true },
    take: 1000,
  });
  await enqueueJobs(
    due.map((d) => ({ name: WEBHOOK_QUEUE, data: { deliveryId: d.id, attempt: d.attempts + 1 } satisfies WebhookMessage })),
  );
  return due.length;
}
