// The PostgreSQL side of an access grant: a per-grant login role that may read the product's masked view
// in every active deployment, nothing else. Created with the grant (no password yet, so nobody can log in
// until the holder asks for credentials), valid until the grant expires, dropped with the grant. Runs in
// the caller's transaction: CREATE/DROP ROLE and GRANT are transactional in PostgreSQL, so a grant row and
// its role appear and disappear together.
import "server-only";
import { createHash } from "node:crypto";
import type { Tx } from "@/lib/db";
import {
  datasetRelations,
  loginGrantStatements,
  maskedViewNameFor,
  quoteIdent,
  quoteLiteral,
  type DeploymentResources,
} from "@/lib/provisioning";

/** `mp_grant_<24 hex of sha256(grant id)>`: stable, short, and no product name leaks into pg_roles. */
export function grantRoleName(grantId: string): string {
  return `mp_grant_${createHash("sha256").update(grantId).digest("hex").slice(0, 24)}`;
}

export async function createGrantRole(tx: Tx, grant: { id: string; productId: string; expiresAt: Date }): Promise<string> {
  const role = grantRoleName(grant.id);
  const [me] = await tx.$queryRaw<{ rolsuper: boolean }[]>`SELECT rolsuper FROM pg_roles WHERE rolname = current_user`;
  await tx.$executeRawUnsafe(
    `CREATE ROLE ${quoteIdent(role)} LOGIN NOINHERIT CONNECTION LIMIT 5 VALID UNTIL ${quoteLiteral(grant.expiresAt.toISOString())}`,
  );
  await tx.$executeRawUnsafe(`COMMENT ON ROLE ${quoteIdent(role)} IS ${quoteLiteral(`meshport:grant:${grant.id}`)}`);
  // The read API reads as this role too (SET ROLE), so the API and SQL enforce one privilege.
  if (!me?.rolsuper) await tx.$executeRawUnsafe(`GRANT ${quoteIdent(role)} TO CURRENT_USER`);
  const deployments = await tx.deployment.findMany({
    where: { productId: grant.productId, status: "active", schemaName: { not: null } },
    select: { schemaName: true, resources: true },
  });
  for (const d of deployments) {
    const resources = d.resources as DeploymentResources;
    if (!d.schemaName || !resources.view) continue;
    // The masked view exists on deployments provisioned since masking; older ones get it at their next provisioning.
    const [exists] = await tx.$queryRaw<
      { ok: boolean }[]
    >`SELECT to_regclass(${`${quoteIdent(d.schemaName)}.${quoteIdent(maskedViewNameFor(resources.view))}`}) IS NOT NULL AS ok`;
    if (!exists?.ok) continue;
    for (const sql of loginGrantStatements(d.schemaName, maskedViewNameFor(resources.view), role)) await tx.$executeRawUnsafe(sql);
    // The contract's other datasets: their masked views too (provisioned with the first's, so they exist).
    for (const other of datasetRelations(resources.datasets)) {
      if (!other.maskedView) continue;
      for (const sql of loginGrantStatements(d.schemaName, other.maskedView, role)) await tx.$executeRawUnsafe(sql);
    }
  }
  return role;
}

/**
 * Drops the role and every privilege it holds. Its open sessions are ended first (while the name still
 * resolves in pg_stat_activity); a session that survives (no pg_signal_backend) has no privilege left once
 * this commits, since PostgreSQL checks privileges on every statement.
 */
export async function dropGrantRole(tx: Tx, role: string): Promise<void> {
  const [found] = await tx.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pg_roles WHERE rolname = ${role}`;
  if (!found || Number(found.n) === 0) return;
  await tx.$queryRaw`SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = ${role} AND pg_has_role(current_user, usesysid, 'MEMBER')`;
  await tx.$executeRawUnsafe(`DROP OWNED BY ${quoteIdent(role)}`);
  await tx.$executeRawUnsafe(`DROP ROLE ${quoteIdent(role)}`);
}

export async function setGrantRolePassword(tx: Tx, role: string, password: string): Promise<void> {
  await tx.$executeRawUnsafe(`ALTER ROLE ${quoteIdent(role)} WITH LOGIN PASSWORD ${quoteLiteral(password)}`);
}
