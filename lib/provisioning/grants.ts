// The governance step's pure core: which PostgreSQL privileges each of a product's access roles gets.
// A role gets the permissions its spec entry asks for AND the effective policy gives that role, and
// nothing at all when the policy does not let the role see the product's classification. So a grant
// the policy forbids is never produced, whatever the spec says (consumers stay read-only).
//
//   read   → USAGE on the schema, SELECT on every table and the serving view
//   write  → INSERT, UPDATE on the current table
//   delete → DELETE on the current table
//   manage → no data privilege (managing a product happens in the portal, not in the database)
// Older table versions (kept after a breaking change) are readable only: SELECT, never writes.
// The contract's other datasets (datasets.ts) get exactly the same, each on its own tables and views.
import type { AccessGrant, Classification, Permission } from "@/lib/products";
import type { AccessRule } from "@/lib/governance";
import type { DatasetRelations } from "./datasets";
import { qualified, quoteIdent, roleNameFor } from "./naming";

export type TablePrivilege = "SELECT" | "INSERT" | "UPDATE" | "DELETE";

export type RoleGrant = {
  accessRole: string;
  roleName: string;
  granted: Permission[];
  withheld: { permission: Permission; reason: string }[];
  /** Privileges on the current table (and SELECT also on the view and older tables). */
  privileges: TablePrivilege[];
};

const PRIVILEGES: Record<Permission, TablePrivilege[]> = {
  read: ["SELECT"],
  write: ["INSERT", "UPDATE"],
  delete: ["DELETE"],
  manage: [],
};
const ORDER: TablePrivilege[] = ["SELECT", "INSERT", "UPDATE", "DELETE"];

export function computeGrants(
  schema: string,
  access: readonly AccessGrant[],
  classification: Classification,
  policyRoles: readonly AccessRule[],
  names: {
    /** The portal's database (current_database()): part of every new role's name (roleNameFor). */
    database: string;
    /** Database roles a deployment already has per access role: they keep their names. */
    existing?: ReadonlyMap<string, string>;
  },
): RoleGrant[] {
  const seen = new Set<string>();
  const result: RoleGrant[] = [];
  for (const entry of access) {
    if (seen.has(entry.role)) continue;
    seen.add(entry.role);
    const rule = policyRoles.find((r) => r.role === entry.role);
    const granted: Permission[] = [];
    const withheld: RoleGrant["withheld"] = [];
    for (const permission of entry.permissions) {
      if (!rule) withheld.push({ permission, reason: `the policy defines no role ${entry.role}` });
      else if (!rule.data_access.includes(classification))
        withheld.push({ permission, reason: `${entry.role} may not access ${classification} data` });
      else if (!rule.permissions.includes(permission))
        withheld.push({ permission, reason: `the policy does not give ${entry.role} the ${permission} permission` });
      else granted.push(permission);
    }
    const privileges = ORDER.filter((p) => granted.some((g) => PRIVILEGES[g].includes(p)));
    result.push({
      accessRole: entry.role,
      roleName: names.existing?.get(entry.role) ?? roleNameFor(schema, entry.role, names.database),
      granted,
      withheld,
      privileges,
    });
  }
  return result;
}

/**
 * The statements that make a role's privileges in the schema exactly `grant` (revoke everything first,
 * then grant), so running them twice changes nothing and a narrowed policy takes privileges away.
 */
export function grantStatements(
  schema: string,
  grant: RoleGrant,
  tables: {
    current: string;
    previous: readonly string[];
    view: string | null;
    maskedView?: string | null;
    /** The contract's other datasets: the same privileges on each one's tables and views. */
    datasets?: readonly DatasetRelations[];
  },
): string[] {
  const role = quoteIdent(grant.roleName);
  const statements = [
    `REVOKE ALL ON ALL TABLES IN SCHEMA ${quoteIdent(schema)} FROM ${role}`,
    `REVOKE ALL ON SCHEMA ${quoteIdent(schema)} FROM ${role}`,
  ];
  if (grant.privileges.length === 0) return statements;
  statements.push(`GRANT USAGE ON SCHEMA ${quoteIdent(schema)} TO ${role}`);
  for (const t of [{ ...tables, maskedView: tables.maskedView ?? null }, ...(tables.datasets ?? [])]) {
    statements.push(`GRANT ${grant.privileges.join(", ")} ON TABLE ${qualified(schema, t.current)} TO ${role}`);
    if (grant.privileges.includes("SELECT")) {
      for (const p of t.previous) statements.push(`GRANT SELECT ON TABLE ${qualified(schema, p)} TO ${role}`);
      if (t.view) statements.push(`GRANT SELECT ON TABLE ${qualified(schema, t.view)} TO ${role}`);
      if (t.maskedView) statements.push(`GRANT SELECT ON TABLE ${qualified(schema, t.maskedView)} TO ${role}`);
    }
  }
  return statements;
}
