// AUTH_OIDC_GROUP_MAP: which portal roles and domain memberships an OIDC provider's groups claim grants.
// Format: `group=role` or `group=domain:domain_role` entries separated by commas, semicolons or new lines,
// e.g. `mesh-admins=data_admin, sales-team=data_producer, sales-team=sales:producer`. Pure; lib/env.ts
// parses the setting once, lib/auth/oidc-groups.ts applies it.
import { DOMAIN_ROLES, ROLES, type DomainRoleName, type RoleName } from "@/lib/roles";
import { isDomainSlug } from "@/lib/validation/slug";

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
      if (!isDomainSlug(domain)) throw new Error(`"${item}": "${domain}" is not a domain slug`);
      if (!(DOMAIN_ROLES as readonly string[]).includes(domainRole))
        throw new Error(`"${item}": unknown domain role "${domainRole}" (one of ${DOMAIN_ROLES.join(", ")})`);
      entries.push({ group, domain, domainRole: domainRole as DomainRoleName });
    }
  }
  if (entries.length === 0) throw new Error("no entries");
  return entries;
}
