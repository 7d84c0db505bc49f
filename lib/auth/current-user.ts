// The signed-in user, loaded from the database once per request: roles and domain memberships are never
// trusted from the cookie, so a revoked role takes effect on the next request; the same query checks the
// server-side session (lib/auth/sessions.ts), so sign-out, "sign out everywhere" and disabling a user do too.
import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { auth } from "@/lib/auth/auth";
import { pgAuthPool } from "@/lib/pg";
import { domainRolesOf } from "@/lib/auth/principal-sql";
import { UUID } from "@/lib/auth/sessions";
import { UnauthenticatedError } from "@/lib/errors";
import type { DomainRoleName, Principal, RoleName } from "@/lib/auth/permissions";
import { ensure, type GateOptions } from "@/lib/auth/assert-can";

export type CurrentUser = Principal & { name: string };

type SessionRow = { id: string; email: string; name: string; roles: string[]; domains: Record<string, string> | null; unread: number };

// One round trip (it runs on every request): the live session's enabled user with their domain roles as a
// slug → role object, and their unread notifications for the navigation's badge (notifications_unread_idx).
// No row = signed out, revoked, past its absolute end, or disabled. expires_at is a UTC timestamp without time
// zone (Prisma writes it), so it is compared with UTC now, not with now() in whatever time zone the connection
// runs. A named statement on the small node-postgres pool that token authentication uses (lib/pg.ts): parsed
// and planned once per connection, and no ORM work on a path every page takes.
const SESSION_USER = `
    SELECT u.id::text AS id, u.email, u.name, u.roles::text[] AS roles, ${domainRolesOf("u.id")} AS domains,
           (SELECT count(*)::int FROM notifications n WHERE n.user_id = u.id AND n.read_at IS NULL) AS unread
    FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.id = $1::uuid AND s.user_id = $2::uuid AND s.expires_at > (now() AT TIME ZONE 'UTC') AND NOT u.disabled`;

const sessionRow = cache(async (): Promise<SessionRow | null> => {
  const session = await auth();
  const { uid, sid } = session ?? {};
  if (typeof uid !== "string" || !UUID.test(uid) || typeof sid !== "string" || !UUID.test(sid)) return null;
  const { rows } = await pgAuthPool().query<SessionRow>({ name: "meshport-session-user", text: SESSION_USER, values: [sid, uid] });
  return rows[0] ?? null;
});

export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const user = await sessionRow();
  if (!user) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    roles: user.roles as RoleName[],
    domains: (user.domains ?? {}) as Record<string, DomainRoleName>,
  };
});

/** The signed-in user's unread notifications (the navigation's badge), read by the session's own statement. */
export async function currentUnreadCount(): Promise<number> {
  return (await sessionRow())?.unread ?? 0;
}

/**
 * For pages: the signed-in user, or a redirect to sign-in. (Layouts and pages render in parallel, so a
 * page cannot rely on the layout's redirect having happened first.)
 */
export async function requirePageUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  return user;
}

/** For actions and services: the signed-in user, or an UnauthenticatedError. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new UnauthenticatedError();
  return user;
}

export type AuthorizeOptions = Pick<GateOptions, "message" | "action" | "resource">;

/**
 * Authenticates and runs a permission check for an action or route, through the same gate the services
 * use (lib/auth/assert-can.ts): fails closed and audits every denial before throwing. Prefer letting the
 * service decide (assertCan) and calling requireUser here; this is for entry points with no service.
 */
export async function authorize(
  check: (user: CurrentUser) => boolean | Promise<boolean>,
  options?: string | AuthorizeOptions,
): Promise<CurrentUser> {
  const opts: AuthorizeOptions = typeof options === "string" ? { message: options } : (options ?? {});
  return ensure(await getCurrentUser(), check, opts);
}

/**
 * generateMetadata's title for a page behind sign-in. Next.js runs generateMetadata apart from the page,
 * before its sign-in redirect takes effect, so a title built from the database would tell a visitor
 * without a session whether a product or domain exists. Without a session this queries nothing and
 * leaves the site's generic title; `title` runs only for a signed-in user.
 */
export async function signedInTitle(title: (user: CurrentUser) => Promise<string> | string): Promise<{ title?: string }> {
  const user = await getCurrentUser();
  return user ? { title: await title(user) } : {};
}
