// The signed-in user, loaded from the database once per request: roles and domain memberships are never
// trusted from the cookie, so a revoked role takes effect on the next request.
import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { auth } from "@/lib/auth/auth";
import { db } from "@/lib/db";
import { ForbiddenError, UnauthenticatedError } from "@/lib/errors";
import type { DomainRoleName, Principal, RoleName } from "@/lib/auth/permissions";

export type CurrentUser = Principal & { name: string };

export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await auth();
  const uid = (session as { uid?: string } | null)?.uid;
  if (!uid) return null;
  const user = await db.user.findUnique({
    where: { id: uid },
    select: { id: true, email: true, name: true, roles: true, memberships: { select: { role: true, domain: { select: { slug: true } } } } },
  });
  if (!user) return null;
  const domains: Record<string, DomainRoleName> = {};
  for (const m of user.memberships) domains[m.domain.slug] = m.role as DomainRoleName;
  return { id: user.id, email: user.email, name: user.name, roles: user.roles as RoleName[], domains };
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

/**
 * The one authorization gate for actions and routes: authenticates, runs the check on the server and
 * fails closed (any falsy answer or thrown error in the check denies).
 */
export async function authorize(check: (user: CurrentUser) => boolean | Promise<boolean>, message?: string): Promise<CurrentUser> {
  const user = await requireUser();
  let allowed = false;
  try {
    allowed = await check(user);
  } catch {
    allowed = false;
  }
  if (!allowed) throw new ForbiddenError(message);
  return user;
}
