// The signed-in user, loaded from the database once per request: roles and domain memberships are never
// trusted from the cookie, so a revoked role takes effect on the next request; the same query checks the
// server-side session (lib/auth/sessions.ts), so sign-out, "sign out everywhere" and disabling a user do too.
import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { auth } from "@/lib/auth/auth";
import { db } from "@/lib/db";
import { UUID } from "@/lib/auth/sessions";
import { ForbiddenError, UnauthenticatedError } from "@/lib/errors";
import type { DomainRoleName, Principal, RoleName } from "@/lib/auth/permissions";
import { audit } from "@/lib/governance/enforcement";

export type CurrentUser = Principal & { name: string };

type UserRow = { id: string; email: string; name: string; roles: string[]; domains: Record<string, string> | null };

export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await auth();
  const { uid, sid } = (session as { uid?: string; sid?: string } | null) ?? {};
  if (!uid || !UUID.test(uid) || !sid || !UUID.test(sid)) return null;
  // One round trip (it runs on every request): the live session's enabled user with their domain roles as
  // a slug → role object. No row = signed out, revoked, past its absolute end, or disabled.
  const rows = await db.$queryRaw<UserRow[]>`
    SELECT u.id, u.email, u.name, u.roles::text[] AS roles,
           (SELECT json_object_agg(d.slug, m.role) FROM domain_memberships m JOIN domains d ON d.id = m.domain_id WHERE m.user_id = u.id) AS domains
    FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.id = ${sid}::uuid AND s.user_id = ${uid}::uuid AND s.expires_at > now() AND NOT u.disabled`;
  const user = rows[0];
  if (!user) return null;
  return { id: user.id, email: user.email, name: user.name, roles: user.roles as RoleName[], domains: (user.domains ?? {}) as Record<string, DomainRoleName> };
});


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

export type AuthorizeOptions = {
  message?: string;
  /** What is being attempted, for the audit log; defaults to the check's name (e.g. "manageDomains"). */
  action?: string;
  /** What it is attempted on, e.g. "data_product:sales/orders"; defaults to "portal". */
  resource?: string;
};

/**
 * The one authorization gate for actions and routes: authenticates, runs the check on the server and
 * fails closed (any falsy answer or thrown error in the check denies). Every denial is written to the
 * audit log (subject, action, resource) before the error is thrown.
 */
export async function authorize(check: (user: CurrentUser) => boolean | Promise<boolean>, options?: string | AuthorizeOptions): Promise<CurrentUser> {
  const opts: AuthorizeOptions = typeof options === "string" ? { message: options } : (options ?? {});
  const action = opts.action ?? (check.name || "authorize");
  const resource = opts.resource ?? "portal";
  const user = await getCurrentUser();
  if (!user) {
    await audit({ subject: "anonymous", action, resource, decision: "deny", reason: "Not signed in.", policyId: "portal-permissions" });
    throw new UnauthenticatedError();
  }
  let allowed = false;
  let failure: string | undefined;
  try {
    allowed = await check(user);
  } catch (e) {
    allowed = false;
    failure = e instanceof Error ? e.name : "error";
  }
  if (!allowed) {
    await audit({
      subject: user.email,
      action,
      resource,
      decision: "deny",
      reason: failure ? `The permission check failed (${failure}), so access is denied.` : `${user.roles.join(", ") || "No roles"}: not permitted.`,
      policyId: "portal-permissions",
      context: { roles: user.roles },
    });
    throw new ForbiddenError(opts.message);
  }
  return user;
}
