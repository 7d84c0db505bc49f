// Server-side sessions behind the JWT cookie: the cookie carries a random session id, and a session is
// alive only while its row exists, has not reached its absolute end and its user is not disabled. Every
// portal process reads the same table, so a sign-out on one is a sign-out on all.
import { db } from "@/lib/db";

const HOUR = 3_600_000;

/** Opens a session for a user who just proved who they are; its end is fixed here for good. */
export async function createSession(userId: string, maxAgeHours: number, now = new Date()): Promise<{ id: string; expiresAt: Date }> {
  const expiresAt = new Date(now.getTime() + maxAgeHours * HOUR);
  // Sweeping this user's dead rows here keeps the table small without a scheduled job.
  const [, created] = await db.$transaction([
    db.session.deleteMany({ where: { userId, expiresAt: { lte: now } } }),
    db.session.create({ data: { userId, createdAt: now, expiresAt }, select: { id: true, expiresAt: true } }),
  ]);
  return created;
}

/** Sign-out: the cookie that carried this id is dead on every process from now on. */
export async function revokeSession(id: string): Promise<void> {
  if (!UUID.test(id)) return;
  await db.session.deleteMany({ where: { id } });
}

/** "Sign out everywhere": every browser this user is signed in with. Returns how many were ended. */
export async function revokeAllSessions(userId: string): Promise<number> {
  const { count } = await db.session.deleteMany({ where: { userId } });
  return count;
}

/** Whether the session id names a live session of an enabled user (the same rule getCurrentUser applies). */
export async function isSessionAlive(id: string, now = new Date()): Promise<boolean> {
  if (!UUID.test(id)) return false;
  const row = await db.session.findFirst({ where: { id, expiresAt: { gt: now }, user: { disabled: false } }, select: { id: true } });
  return row !== null;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
