// Webhook subscriptions: a domain's owners manage their domain's, data admins every one and the mesh-wide
// ones (can.manageWebhooks). The URL is checked here (http(s), never the portal itself) with a field error;
// the secret is generated here and shown once. The delivery log reads webhook_deliveries; redelivery sends
// an event to the endpoint again as a new delivery.
import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { assertCan, type CurrentUser } from "@/lib/auth/server";
import { audit } from "@/lib/audit/writer";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { WEBHOOK_QUEUE, enqueueJobs, type WebhookMessage } from "@/lib/jobs/queue";
import { parseInput } from "@/lib/validation/parse";
import { pageOffset } from "@/lib/pagination";
import { idSchema, webhookSubscriptionSchema } from "./schema";
import { generateWebhookSecret } from "./signing";
import { checkWebhookUrl, portalHostKeys } from "./webhook-url";
import type { EventType } from "./types";

const resourceOf = (domain: string | null) => `webhooks:${domain ?? "mesh"}`;

/** The portal's own addresses: configured URLs and the Host the request came in on. */
export function portalAddresses(requestHost?: string | null): Set<string> {
  const e = env();
  return portalHostKeys([e.PUBLIC_URL, e.AUTH_URL, requestHost]);
}

export async function createWebhookSubscription(
  user: CurrentUser,
  input: unknown,
  opts: { requestHost?: string | null } = {},
): Promise<{ id: string; secret: string }> {
  const data = parseInput(webhookSubscriptionSchema, input);
  const domainSlug = data.scope === "mesh" ? null : data.scope;
  await assertCan(user, "manageWebhooks", [domainSlug], {
    resource: resourceOf(domainSlug),
    action: "webhook:create",
    message: domainSlug ? "Only this domain's owners and data admins manage its webhooks." : "Only data admins manage mesh-wide webhooks.",
    fieldErrors: { scope: ["You cannot manage webhooks here."] },
  });
  const urlError = checkWebhookUrl(data.url, portalAddresses(opts.requestHost));
  if (urlError) throw new ValidationError(urlError, { url: [urlError] });
  const domain = domainSlug ? await db.domain.findUnique({ where: { slug: domainSlug }, select: { id: true } }) : null;
  if (domainSlug && !domain) throw new ValidationError("Unknown domain.", { scope: ["Unknown domain."] });
  const secret = generateWebhookSecret();
  return db.$transaction(async (tx) => {
    const sub = await tx.webhookSubscription.create({
      data: {
        domainId: domain?.id ?? null,
        url: new URL(data.url).toString(),
        secret,
        eventTypes: [...new Set(data.eventTypes)],
        description: data.description,
        createdById: user.id,
      },
      select: { id: true },
    });
    await audit(
      {
        subject: user.email,
        action: "webhook:create",
        resource: resourceOf(domainSlug),
        decision: "allow",
        policyId: "portal-permissions",
        reason: `Webhook ${sub.id} to ${new URL(data.url).origin} for ${data.eventTypes.join(", ")}.`,
        context: { subscriptionId: sub.id },
      },
      tx,
    );
    return { id: sub.id, secret };
  });
}

async function loadSubscription(user: CurrentUser, idInput: unknown, action: string) {
  const id = idSchema.safeParse(idInput);
  if (!id.success) throw new NotFoundError("This webhook does not exist.");
  const sub = await db.webhookSubscription.findUnique({
    where: { id: id.data },
    select: {
      id: true,
      url: true,
      eventTypes: true,
      description: true,
      createdAt: true,
      disabledAt: true,
      domain: { select: { slug: true } },
    },
  });
  if (!sub) throw new NotFoundError("This webhook does not exist.");
  const domain = sub.domain?.slug ?? null;
  await assertCan(user, "manageWebhooks", [domain], { resource: resourceOf(domain), action, message: "You cannot manage this webhook." });
  return { ...sub, domain };
}

export async function deleteWebhookSubscription(user: CurrentUser, idInput: unknown): Promise<void> {
  const sub = await loadSubscription(user, idInput, "webhook:delete");
  await db.$transaction(async (tx) => {
    await tx.webhookSubscription.delete({ where: { id: sub.id } });
    await audit(
      {
        subject: user.email,
        action: "webhook:delete",
        resource: resourceOf(sub.domain),
        decision: "allow",
        policyId: "portal-permissions",
        reason: `Webhook ${sub.id} to ${new URL(sub.url).origin} deleted.`,
        context: { subscriptionId: sub.id },
      },
      tx,
    );
  });
}

export type SubscriptionRow = {
  id: string;
  url: string;
  domain: string | null;
  eventTypes: EventType[];
  description: string;
  createdAt: string;
  delivered: number;
  failing: number;
};

/** The subscriptions the user may manage: every one for admins, else those of the domains they own. */
export async function listWebhookSubscriptions(
  user: CurrentUser,
  opts: { page: number; pageSize: number },
): Promise<{ items: SubscriptionRow[]; total: number }> {
  await assertCan(user, "openWebhooks", [], { resource: "webhooks", action: "webhook:list" });
  const admin = user.roles.includes("data_admin");
  const owned = Object.entries(user.domains)
    .filter(([, r]) => r === "owner")
    .map(([d]) => d);
  const where = admin ? {} : { domain: { slug: { in: owned } } };
  const [rows, total] = await Promise.all([
    db.webhookSubscription.findMany({
      where,
      orderBy: { createdAt: "desc" },
      skip: pageOffset(opts.page, opts.pageSize),
      take: opts.pageSize,
      select: { id: true, url: true, eventTypes: true, description: true, createdAt: true, domain: { select: { slug: true } } },
    }),
    db.webhookSubscription.count({ where }),
  ]);
  const counts = await db.webhookDelivery.groupBy({
    by: ["subscriptionId", "status"],
    where: { subscriptionId: { in: rows.map((r) => r.id) } },
    _count: { _all: true },
  });
  const count = (id: string, status: string) => counts.find((c) => c.subscriptionId === id && c.status === status)?._count._all ?? 0;
  return {
    items: rows.map((r) => ({
      id: r.id,
      url: r.url,
      domain: r.domain?.slug ?? null,
      eventTypes: r.eventTypes as EventType[],
      description: r.description,
      createdAt: r.createdAt.toISOString(),
      delivered: count(r.id, "succeeded"),
      failing: count(r.id, "failed"),
    })),
    total,
  };
}

export type DeliveryRow = {
  id: string;
  eventType: string;
  eventTitle: string;
  status: string;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
};

/** One subscription and its delivery log, newest first. */
export async function webhookDeliveryLog(user: CurrentUser, idInput: unknown, opts: { page: number; pageSize: number }) {
  const sub = await loadSubscription(user, idInput, "webhook:log");
  const [rows, total] = await Promise.all([
    db.webhookDelivery.findMany({
      where: { subscriptionId: sub.id },
      orderBy: { createdAt: "desc" },
      skip: pageOffset(opts.page, opts.pageSize),
      take: opts.pageSize,
      select: {
        id: true,
        status: true,
        attempts: true,
        lastStatus: true,
        lastError: true,
        createdAt: true,
        lastAttemptAt: true,
        nextAttemptAt: true,
        event: { select: { type: true, title: true } },
      },
    }),
    db.webhookDelivery.count({ where: { subscriptionId: sub.id } }),
  ]);
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    subscription: { id: sub.id, url: sub.url, domain: sub.domain, eventTypes: sub.eventTypes as EventType[], description: sub.description },
    deliveries: rows.map((r): DeliveryRow => ({
      id: r.id,
      eventType: r.event.type,
      eventTitle: r.event.title,
      status: r.status,
      attempts: r.attempts,
      lastStatus: r.lastStatus,
      lastError: r.lastError,
      createdAt: r.createdAt.toISOString(),
      lastAttemptAt: iso(r.lastAttemptAt),
      nextAttemptAt: iso(r.nextAttemptAt),
    })),
    total,
  };
}

/** Sends a delivery's event to its endpoint again, as a new delivery with attempts of its own. */
export async function redeliverWebhook(user: CurrentUser, deliveryIdInput: unknown): Promise<{ id: string }> {
  const id = idSchema.safeParse(deliveryIdInput);
  if (!id.success) throw new NotFoundError("This delivery does not exist.");
  const delivery = await db.webhookDelivery.findUnique({ where: { id: id.data }, select: { subscriptionId: true, eventId: true } });
  if (!delivery) throw new NotFoundError("This delivery does not exist.");
  const sub = await loadSubscription(user, delivery.subscriptionId, "webhook:redeliver");
  const created = await db.$transaction(async (tx) => {
    const row = await tx.webhookDelivery.create({
      data: { subscriptionId: delivery.subscriptionId, eventId: delivery.eventId, nextAttemptAt: new Date() },
      select: { id: true },
    });
    await audit(
      {
        subject: user.email,
        action: "webhook:redeliver",
        resource: resourceOf(sub.domain),
        decision: "allow",
        policyId: "portal-permissions",
        reason: `Event ${delivery.eventId} sent again to webhook ${sub.id} (delivery ${row.id}).`,
        context: { subscriptionId: sub.id, deliveryId: row.id, eventId: delivery.eventId },
      },
      tx,
    );
    return row;
  });
  await enqueueJobs([{ name: WEBHOOK_QUEUE, data: { deliveryId: created.id, attempt: 1 } satisfies WebhookMessage }]);
  return created;
}
