// What an OIDC provider's groups claim grants: roles and domain memberships by AUTH_OIDC_GROUP_MAP (parsed
// with the environment, lib/oidc-group-map.ts).
import { DOMAIN_ROLES, ROLES, type DomainRoleName, type RoleName } from "@/lib/roles";
import type { GroupMap } from "@/lib/oidc-group-map";

export type GroupGrant = {
  roles: RoleName[];
  /** domain slug → the strongest role the user's groups grant there */
  domains: Record<string, DomainRoleName>;
  /** Every domain the map speaks of: memberships there follow the provider (added, changed or removed). */
  managedDomains: string[];
};

/** What a user with these groups gets; with no mapped role at all, the default role. */
export function resolveGroups(map: GroupMap, groups: readonly string[], defaultRole: RoleName): GroupGrant {
  const mine = new Set(groups);
  const roles = new Set<RoleName>();
  const domains: Record<string, DomainRoleName> = {};
  for (const e of map) {
    if (!mine.has(e.group)) continue;
    if ("role" in e) roles.add(e.role);
    else if (!domains[e.domain] || DOMAIN_ROLES.indexOf(e.domainRole) > DOMAIN_ROLES.indexOf(domains[e.domain]))
      domains[e.domain] = e.domainRole;
  }
  if (roles.size === 0) roles.add(defaultRole);
  const managedDomains = [...new Set(map.flatMap((e) => ("domain" in e ? [e.domain] : [])))];
  return { roles: ROLES.filter((r) => roles.has(r)), domains, managedDomains };
}

/** The groups claim as a list of names, whatever shape the provider sent (array or one string). */
export function groupsFromClaim(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((g): g is string => typeof g === "string");
  if (typeof value === "string" && value) return [value];
  return [];
}
