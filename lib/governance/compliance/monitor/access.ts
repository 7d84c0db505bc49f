// The access-control rule's pure core: the PostgreSQL privileges a deployment's relations should carry under
// the CURRENT policy, compared with those they carry. Expected:
//   - each access role of the spec: what computeGrants (lib/provisioning/grants.ts) gives it now — its
//     privileges on the current table, and SELECT on older tables, the serving view and the masked view;
//   - each live access grant's SQL login whose holder the policy still lets read the product: SELECT on the
//     masked view;
//   - the same on each other dataset's tables and views (lib/provisioning/datasets.ts).
// Anything else granted on the schema's relations (besides their owner) is drift the policy forbids: the
// monitor revokes it. Expected privileges that are missing are drift too (provisioning must run again).
export type Privilege = { grantee: string; relation: string; privilege: string };

type Relations = { current: string; previous: readonly string[]; view: string | null; maskedView: string | null };

export const key = (p: Privilege) => `${p.grantee}|${p.relation}|${p.privilege}`;

export function expectedPrivileges(
  roles: ReadonlyArray<{ roleName: string; privileges: readonly string[] }>,
  relations: Relations & { datasets?: readonly Relations[] },
  loginRoles: readonly string[],
): Privilege[] {
  const out: Privilege[] = [];
  for (const rel of [relations, ...(relations.datasets ?? [])]) {
    for (const r of roles) {
      for (const privilege of r.privileges) out.push({ grantee: r.roleName, relation: rel.current, privilege });
      if (r.privileges.includes("SELECT")) {
        for (const relation of [...rel.previous, rel.view, rel.maskedView])
          if (relation) out.push({ grantee: r.roleName, relation, privilege: "SELECT" });
      }
    }
    if (rel.maskedView) for (const grantee of loginRoles) out.push({ grantee, relation: rel.maskedView, privilege: "SELECT" });
  }
  return out;
}

/** Extra privileges (to revoke) and missing ones, over the relations that exist. */
export function privilegeDrift(
  expected: readonly Privilege[],
  actual: readonly Privilege[],
  existing: ReadonlySet<string>,
): { extra: Privilege[]; missing: Privilege[] } {
  const want = new Set(expected.map(key));
  const have = new Set(actual.map(key));
  return {
    extra: actual.filter((p) => !want.has(key(p))),
    missing: expected.filter((p) => existing.has(p.relation) && !have.has(key(p))),
  };
}
