// AUTH_OIDC_GROUP_MAP: which portal roles and domain memberships an OIDC provider's groups claim grants.
// Format: `group=role` or `group=domain:domain_role` entries separated by commas, semicolons or new lines,
// e.g. `mesh-admins=data_admin, sales-team=data_producer, sales-team=sales:producer`.
import { ROLES, type DomainRoleName, type RoleName } from "@/lib/auth/permissions";

const DOMAIN_ROLES = ["viewer", "producer", "owner"] as const satisfies readonly DomainRoleName[];

export type GroupMapEntry = { group: string; role: RoleName } | { group: string; domain: string; domainRole: DomainRoleName };
export type GroupMap = GroupMapEntry[];

/** Parses the setting; throws an Error naming the first bad entry. */
export function parseGroupMap(text: string): GroupMap {
  const entries: GroupMap = [];
  for (const raw of text.split(/[,;\n]/)) {
    const item = raw.trim();
    if (!item) continue;
    const eq = item.lastIndexOf("=");
    const group = item.slice(0, eq).trim();
    const target = item.slice(eq + 1).trim();
    if (eq <= 0 || !group || !target) throw new Error(`"${item}" is not group=role or group=domain:role`);
    const colon = target.indexOf(":");
    if (colon === -1) {
      if (!(ROLES as readonly string[]).includes(target))
        throw new Error(`"${item}": unknown role "${target}" (one of ${ROLES.join(", ")})`);
      entries.push({ group, role: target as RoleName });
    } else {
      const domain = target.slice(0, colon).trim();
      const domainRole = target.slice(colon + 1).trim();
      if (!/^[a-z0-9][a-z0-9-]*$/.test(domain)) throw new Error(`"${item}": "${domain}" is not a domain slug`);
      if (!(DOMAIN_ROLES as readonly string[]).includes(domainRole))
        throw new Error(`"${item}": unknown domain role "${domainRole}" (one of ${DOMAIN_ROLES.join(", ")})`);
      entries.push({ group, domain, domainRole: domainRole as DomainRoleName });
    }
  }
  if (entries.length === 0) throw new Error("no entries");
  return entries;
}

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
