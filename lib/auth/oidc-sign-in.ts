// What an OIDC sign-in does to the local user: first sign-in provisions them; with AUTH_OIDC_GROUP_MAP
// set, every sign-in sets their roles and their memberships in the mapped domains from the provider's
// groups claim (the provider is the source of truth there; other domains stay as the portal has them).
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { groupsFromClaim, resolveGroups } from "@/lib/auth/oidc-groups";

/** The local user's id, or null when that user is disabled (the sign-in is then refused). */
export async function applyOidcSignIn(email: string, name: string, claims: Record<string, unknown>): Promise<string | null> {
  const e = env();
  const map = e.AUTH_OIDC_GROUP_MAP;
  const groups = groupsFromClaim(claims[e.AUTH_OIDC_GROUPS_CLAIM]);
  const grant = map ? resolveGroups(map, groups, e.AUTH_OIDC_DEFAULT_ROLE) : null;
  return db.$transaction(async (tx) => {
    const user = await tx.user.upsert({
      where: { email },
      update: { lastSignedInAt: new Date(), ...(grant && { roles: grant.roles }) },
      create: { email, name, roles: grant?.roles ?? [e.AUTH_OIDC_DEFAULT_ROLE], lastSignedInAt: new Date() },
      select: { id: true, disabled: true },
    });
    if (user.disabled) return null;
    if (grant && grant.managedDomains.length > 0) {
      const domains = await tx.domain.findMany({ where: { slug: { in: grant.managedDomains } }, select: { id: true, slug: true } });
      const missing = grant.managedDomains.filter((s) => !domains.some((d) => d.slug === s));
      if (missing.length) logger.warn({ domains: missing }, "AUTH_OIDC_GROUP_MAP names domains that do not exist");
      for (const d of domains) {
        const role = grant.domains[d.slug];
        if (role) {
          await tx.domainMembership.upsert({
            where: { userId_domainId: { userId: user.id, domainId: d.id } },
            update: { role },
            create: { domainId: d.id, userId: user.id, role },
          });
        } else {
          await tx.domainMembership.deleteMany({ where: { domainId: d.id, userId: user.id } });
        }
      }
    }
    logger.info({ email, groups, roles: grant?.roles }, "OIDC sign-in");
    return user.id;
  });
}
