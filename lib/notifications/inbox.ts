// A user's own notifications, preferences and follows. Every query is scoped by the user's id in its
// `where`, so another user's notification id simply matches nothing.
import "server-only";
import { db } from "@/lib/db";
import { assertCan, type CurrentUser } from "@/lib/auth/server";
import { NotFoundError } from "@/lib/errors";
import { pageOffset } from "@/lib/pagination";
import { parseInput } from "@/lib/validation/parse";
import { idSchema, preferencesSchema } from "./schema";
import { EVENT_TYPES, type EventType } from "./types";

export type NotificationRow = { id: string; type: string; title: string; link: string; createdAt: string; read: boolean };

export async function listNotifications(
  userId: string,
  opts: { page: number; pageSize: number; unreadOnly?: boolean },
): Promise<{ items: NotificationRow[]; total: number; unread: number }> {
  const where = { userId, ...(opts.unreadOnly ? { readAt: null } : {}) };
  const [rows, total, unread] = await Promise.all([
    db.notification.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: pageOffset(opts.page, opts.pageSize),
      take: opts.pageSize,
      select: { id: true, createdAt: true, readAt: true, event: { select: { type: true, title: true, link: true } } },
    }),
    db.notification.count({ where }),
    // Listing the unread ones, their total is the unread figure: not counted twice.
    opts.unreadOnly ? null : unreadCount(userId),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      type: r.event.type,
      title: r.event.title,
      link: r.event.link,
      createdAt: r.createdAt.toISOString(),
      read: r.readAt !== null,
    })),
    total,
    unread: unread ?? total,
  };
}

/**
 * The notification centre's unread figure (partial index notifications_unread_idx). The navigation's badge is
 * counted by the session's own statement (lib/auth/current-user.ts) with the same rule: read_at IS NULL.
 */
export function unreadCount(userId: string): Promise<number> {
  return db.notification.count({ where: { userId, readAt: null } });
}

export async function markNotificationRead(user: CurrentUser, idInput: unknown): Promise<void> {
  await assertCan(user, "manageOwnNotifications", []);
  const id = idSchema.safeParse(idInput);
  if (!id.success) throw new NotFoundError("This notification does not exist.");
  const n = await db.notification.updateMany({ where: { id: id.data, userId: user.id, readAt: null }, data: { readAt: new Date() } });
  if (n.count === 0 && !(await db.notification.findFirst({ where: { id: id.data, userId: user.id }, select: { id: true } })))
    throw new NotFoundError("This notification does not exist.");
}

export async function markAllNotificationsRead(user: CurrentUser): Promise<number> {
  await assertCan(user, "manageOwnNotifications", []);
  const n = await db.notification.updateMany({ where: { userId: user.id, readAt: null }, data: { readAt: new Date() } });
  return n.count;
}

export type Preferences = Record<EventType, { inApp: boolean; email: boolean }>;

export async function getPreferences(userId: string): Promise<Preferences> {
  const rows = await db.notificationPreference.findMany({ where: { userId }, select: { eventType: true, inApp: true, email: true } });
  const out = Object.fromEntries(EVENT_TYPES.map((t) => [t, { inApp: true, email: false }])) as Preferences;
  for (const r of rows) if (r.eventType in out) out[r.eventType as EventType] = { inApp: r.inApp, email: r.email };
  return out;
}

/** Saves the whole table at once: the types listed are on, the others off. */
export async function savePreferences(user: CurrentUser, input: unknown): Promise<void> {
  await assertCan(user, "manageOwnNotifications", []);
  const data = parseInput(preferencesSchema, input);
  const inApp = new Set(data.inApp);
  const email = new Set(data.email);
  await db.$transaction(
    EVENT_TYPES.map((t) =>
      db.notificationPreference.upsert({
        where: { userId_eventType: { userId: user.id, eventType: t } },
        create: { userId: user.id, eventType: t, inApp: inApp.has(t), email: email.has(t) },
        update: { inApp: inApp.has(t), email: email.has(t) },
      }),
    ),
  );
}

export async function isFollowing(userId: string, productId: string): Promise<boolean> {
  return (await db.productFollow.count({ where: { userId, productId } })) > 0;
}

/** Follow or stop following a product the user can see (every signed-in user sees the catalog). */
export async function setFollow(user: CurrentUser, productIdInput: unknown, follow: boolean): Promise<void> {
  await assertCan(user, "manageOwnNotifications", []);
  const id = idSchema.safeParse(productIdInput);
  if (!id.success) throw new NotFoundError("This data product does not exist.");
  const product = await db.dataProduct.findUnique({ where: { id: id.data }, select: { id: true } });
  if (!product) throw new NotFoundError("This data product does not exist.");
  if (follow) {
    await db.productFollow.upsert({
      where: { userId_productId: { userId: user.id, productId: product.id } },
      create: { userId: user.id, productId: product.id },
      update: {},
    });
  } else {
    await db.productFollow.deleteMany({ where: { userId: user.id, productId: product.id } });
  }
}
