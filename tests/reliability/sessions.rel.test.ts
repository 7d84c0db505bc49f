// Server-side sessions through the real getCurrentUser (one statement per request, with the badge's count) and the real sign-out
// actions: sign-out, "sign out everywhere", disabling a user, a removed role and the absolute lifetime
// all take effect on the very next request. (The cookie itself is tested in the browser and across two
// portal processes: e2e/auth.spec.ts, e2e/instances.spec.ts.)
import { describe, expect, it, vi } from "vitest";
import pg from "pg";
import { db } from "@/lib/db";
import { createSession } from "@/lib/auth/sessions";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { createDomain, createPrincipal } from "@/prisma/seed/factories";

// auth() decodes the cookie; here the "cookie" is whatever session this test holds.
const cookie = vi.hoisted(() => ({ current: null as { uid: string; sid: string } | null, signedOut: [] as string[] }));
vi.mock("@/lib/auth/auth", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/auth/auth")>();
  return {
    ...original,
    auth: async () => cookie.current,
    // What next-auth's signOut does with a JWT session: the signOut event with the decoded token.
    signOut: async () => {
      if (cookie.current) {
        const { revokeSession } = await import("@/lib/auth/sessions");
        await revokeSession(cookie.current.sid);
        cookie.signedOut.push(cookie.current.sid);
      }
    },
  };
});
vi.mock("next/navigation", async (orig) => (await import("./harness")).mockNavigation(await orig()));
// The pool the session statement runs on, or for one test a pool whose connections run in another time zone.
const zone = vi.hoisted(() => ({ pool: null as object | null }));
vi.mock("@/lib/pg", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/pg")>();
  return { ...original, pgAuthPool: () => zone.pool ?? original.pgAuthPool() };
});

const { currentUnreadCount, getCurrentUser } = await import("@/lib/auth/current-user");
const { renewToken } = await import("@/lib/auth/auth");
const { signOutAction, signOutEverywhereAction } = await import("@/app/(auth)/sign-in/actions");
const { setUserDisabled } = await import("@/lib/auth/disable-user");

async function signedIn(roles: Parameters<typeof createPrincipal>[0] = ["data_consumer"], domains = {}) {
  const user = await createPrincipal(roles, domains);
  const session = await createSession(user.id, 8);
  return { user, cookie: { uid: user.id, sid: session.id } };
}
const as = async (c: { uid: string; sid: string }) => {
  cookie.current = c;
  return getCurrentUser();
};

describe("sign-out", () => {
  it("kills the cookie it was sent with; a copy of that cookie is dead too, other sessions live on", async () => {
    const { user, cookie: first } = await signedIn();
    const second = { uid: user.id, sid: (await createSession(user.id, 8)).id };
    expect(await as(first)).toMatchObject({ id: user.id });
    cookie.current = first;
    await signOutAction();
    expect(await as(first)).toBeNull();
    expect(await as(second)).toMatchObject({ id: user.id });
  });

  it("sign out everywhere ends every session of that user and no one else's", async () => {
    const { user, cookie: laptop } = await signedIn();
    const phone = { uid: user.id, sid: (await createSession(user.id, 8)).id };
    const other = await signedIn();
    cookie.current = laptop;
    await signOutEverywhereAction();
    expect(await as(laptop)).toBeNull();
    expect(await as(phone)).toBeNull();
    expect(await as(other.cookie)).toMatchObject({ id: other.user.id });
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it("a session id with another user's id is refused (the cookie's two ids must agree)", async () => {
    const a = await signedIn();
    const b = await signedIn();
    expect(await as({ uid: b.user.id, sid: a.cookie.sid })).toBeNull();
  });
});

describe("absolute lifetime", () => {
  it("a session past its end is dead even though its cookie was renewed", async () => {
    const user = await createPrincipal(["data_consumer"]);
    const old = await createSession(user.id, 8, new Date(Date.now() - 8 * 3_600_000 - 1000));
    expect(await as({ uid: user.id, sid: old.id })).toBeNull();
  });

  it("holds whatever time zone the database connection runs in (the end is stored as UTC)", async () => {
    const user = await createPrincipal(["data_consumer"]);
    const live = await createSession(user.id, 8);
    const ended = await createSession(user.id, 8, new Date(Date.now() - 8 * 3_600_000 - 60_000));
    for (const timeZone of ["Pacific/Kiritimati", "Etc/GMT+12"]) {
      const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL!, options: `-c TimeZone=${timeZone}` });
      zone.pool = pool;
      try {
        expect(await as({ uid: user.id, sid: live.id }), timeZone).toMatchObject({ id: user.id });
        expect(await as({ uid: user.id, sid: ended.id }), timeZone).toBeNull();
      } finally {
        zone.pool = null;
        await pool.end();
      }
    }
  });

  it("renewal keeps a token until the session's end and clears it from then on", () => {
    const end = Date.now() + 1000;
    const token = { uid: "u", sid: "s", end };
    expect(renewToken(token, end - 1)).toBe(token);
    expect(renewToken(token, end)).toBeNull();
    // Cookies from before server-side sessions (no sid, no end) are not renewed.
    expect(renewToken({ uid: "u" })).toBeNull();
  });
});

describe("the next request sees account changes", () => {
  it("a disabled user's sessions stop at once; only data admins can disable; re-enabling does not revive them", async () => {
    const target = await signedIn();
    const producer = await signedIn(["data_producer"]);
    const admin = await signedIn(["data_admin"]);

    cookie.current = producer.cookie;
    await expect(setUserDisabled(target.user.id, true)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await as(target.cookie)).toMatchObject({ id: target.user.id });

    cookie.current = admin.cookie;
    await expect(setUserDisabled(admin.user.id, true)).rejects.toBeInstanceOf(ValidationError);
    await setUserDisabled(target.user.id, true);
    expect(await as(target.cookie)).toBeNull();
    cookie.current = admin.cookie;
    await setUserDisabled(target.user.id, false);
    expect(await as(target.cookie)).toBeNull();
    expect((await db.user.findUniqueOrThrow({ where: { id: target.user.id } })).disabled).toBe(false);
  });

  it("a removed role and a removed membership are gone on the next request", async () => {
    const domain = await createDomain();
    const { user, cookie: c } = await signedIn(["data_producer", "executive"], { [domain.slug]: "producer" });
    expect(await as(c)).toMatchObject({ roles: ["data_producer", "executive"], domains: { [domain.slug]: "producer" } });
    await db.user.update({ where: { id: user.id }, data: { roles: ["data_consumer"] } });
    await db.domainMembership.deleteMany({ where: { userId: user.id } });
    expect(await as(c)).toMatchObject({ roles: ["data_consumer"], domains: {} });
  });

  it("the same statement counts the user's unread notifications for the navigation's badge", async () => {
    const { user, cookie: c } = await signedIn();
    const other = await signedIn();
    const event = await db.notificationEvent.create({ data: { type: "access.requested", title: "Badge test" } });
    await db.notification.createMany({
      data: [
        { eventId: event.id, userId: user.id },
        { eventId: event.id, userId: other.user.id },
      ],
    });
    cookie.current = c;
    expect(await currentUnreadCount()).toBe(1);
    await db.notification.updateMany({ where: { userId: user.id }, data: { readAt: new Date() } });
    expect(await currentUnreadCount()).toBe(0);
    cookie.current = null;
    expect(await currentUnreadCount()).toBe(0);
  });
});
