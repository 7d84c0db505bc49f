// The access-control rule (every minute, and after grant changes): every deployment's PostgreSQL privileges
// compared with what the current policy gives to the access roles it was provisioned with (access.ts). Privileges the policy does not give are revoked
// at once and recorded as handled violations (audited, reported); missing ones stay open until provisioning
// runs again. Live access grants whose holder the policy no longer lets read the product are violations too
// (the owner or governance ends the grant; its SQL login keeps nothing the policy forbids meanwhile).
import "server-only";
import { db, portalDatabase } from "@/lib/db";
import { audit } from "@/lib/audit/writer";
import { logger } from "@/lib/logger";
import { productResource } from "@/lib/auth/server";
import { datasetRelations, maskedViewNameFor, qualified, quoteIdent, type DeploymentResources } from "@/lib/provisioning";
import { computeGrants } from "@/lib/provisioning";
import type { Classification } from "@/lib/products";
import { accessPath } from "../../enforcement/access-path";
import { loadPolicyContexts } from "../validate-products.db";
import { expectedPrivileges, privilegeDrift, type Privilege } from "./access";
import { provisionedTables } from "./provisioned.db";
import { openViolation, recordHandledViolation, resolveCleared } from "./violations.db";

export type AccessReport = { deployments: number; revoked: Privilege[]; missing: number; grantViolations: number; failed: string[] };

const SUBJECT = "system:compliance-monitor";
const TABLE_PRIVILEGES = ["SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER"];

export async function runAccessControl(opts: { now?: Date; productIds?: string[] } = {}): Promise<AccessReport> {
  const now = opts.now ?? new Date();
  const policyFor = await loadPolicyContexts();
  const tables = await provisionedTables({ productIds: opts.productIds });
  const report: AccessReport = { deployments: 0, revoked: [], missing: 0, grantViolations: 0, failed: [] };
  const byProduct = new Map<string, { domainId: string; details: string[]; failed?: boolean }>();
  const database = await portalDatabase();

  const productIds = [...new Set(tables.map((t) => t.product.id))];
  const grants = await db.accessGrant.findMany({
    where: { productId: { in: productIds }, endedAt: null, expiresAt: { gt: now } },
    select: { id: true, productId: true, dbRole: true, level: true, userId: true },
  });
  const holders = await db.user.findMany({
    where: { id: { in: [...new Set(grants.map((g) => g.userId))] } },
    select: { id: true, email: true, roles: true },
  });
  const holder = new Map(holders.map((u) => [u.id, u]));

  for (const t of tables) {
    const entry = byProduct.get(t.product.id) ?? { domainId: t.product.domainId, details: [] };
    byProduct.set(t.product.id, entry);
    const { policy } = policyFor(t.product.domain);
    const resource = productResource(t.product.domain, t.product.name);
    try {
      report.deployments++;
      const resources = t.resources as DeploymentResources;
      const existingRoles = new Map((resources.roles ?? []).map((r) => [r.accessRole, r.roleName]));
      // What the deployment was provisioned with (a later draft edit is not live until provisioned again),
      // granted as the CURRENT policy allows.
      const applied = t.provisionedSpec ?? t.product.spec;
      const roles = computeGrants(
        t.schema,
        applied.access ?? [],
        (applied.classification ?? t.product.classification) as Classification,
        policy.access_control,
        { database, existing: existingRoles },
      );
      // Live grants: their logins keep SELECT on the masked view only while the policy still offers a path.
      const logins: string[] = [];
      for (const g of grants.filter((g) => g.productId === t.product.id)) {
        const user = holder.get(g.userId);
        const path = accessPath(policy.access_control, user?.roles ?? [], t.product.classification);
        if (path.kind === "never") {
          const detail = `grant:${g.id}`;
          if (!entry.details.includes(detail)) {
            entry.details.push(detail);
            await openViolation(
              {
                rule: "access",
                productId: t.product.id,
                domainId: t.product.domainId,
                detail,
                severity: "error",
                message: `The access grant of ${user?.email ?? "a deleted user"} is live, but the policy no longer lets their roles read ${t.product.classification} data; end the grant.`,
                context: { grantId: g.id, consumer: user?.email ?? null },
              },
              db,
              now,
            );
            report.grantViolations++;
          }
        } else if (g.dbRole) logins.push(g.dbRole);
      }
      const view = resources.view ?? null;
      const relations = {
        current: t.table,
        previous: resources.previousTables ?? [],
        view,
        maskedView: view ? maskedViewNameFor(view) : null,
        datasets: datasetRelations(resources.datasets),
      };
      const expected = expectedPrivileges(roles, relations, logins);
      const actualRows = await db.$queryRaw<{ grantee: string; relation: string; privilege: string }[]>`
        SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE r.rolname END AS grantee, c.relname AS relation, a.privilege_type AS privilege
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        CROSS JOIN LATERAL aclexplode(c.relacl) a
        LEFT JOIN pg_roles r ON r.oid = a.grantee
        WHERE n.nspname = ${t.schema} AND c.relkind IN ('r', 'v', 'm', 'p') AND a.grantee <> c.relowner`;
      const existing = await db.$queryRaw<{ relname: string }[]>`
        SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ${t.schema} AND c.relkind IN ('r', 'v', 'm', 'p')`;
      const actual = actualRows.filter((p) => TABLE_PRIVILEGES.includes(p.privilege));
      const { extra, missing } = privilegeDrift(expected, actual, new Set(existing.map((e) => e.relname)));
      for (const p of extra) {
        const grantee = p.grantee === "PUBLIC" ? "PUBLIC" : quoteIdent(p.grantee);
        await db.$transaction(async (tx) => {
          await tx.$executeRawUnsafe(`REVOKE ${p.privilege} ON TABLE ${qualified(t.schema, p.relation)} FROM ${grantee}`);
          const message = `${p.grantee} held ${p.privilege} on ${t.schema}.${p.relation}, which the policy does not give; the monitor revoked it.`;
          await recordHandledViolation(
            {
              rule: "access",
              productId: t.product.id,
              domainId: t.product.domainId,
              detail: `privilege:${p.grantee}:${t.schema}.${p.relation}:${p.privilege}`,
              severity: "error",
              message,
              context: { ...p, schema: t.schema },
            },
            "revoked",
            tx,
            now,
          );
          await audit(
            {
              subject: SUBJECT,
              action: "access:revoke-privilege",
              resource,
              decision: "deny",
              policyId: "access_control",
              reason: message,
              context: { ...p, schema: t.schema, environment: t.environment },
            },
            tx,
          );
        });
        report.revoked.push({ ...p, relation: `${t.schema}.${p.relation}` });
      }
      for (const p of missing) {
        const detail = `missing:${p.grantee}:${t.schema}.${p.relation}:${p.privilege}`;
        entry.details.push(detail);
        await openViolation(
          {
            rule: "access",
            productId: t.product.id,
            domainId: t.product.domainId,
            detail,
            severity: "warning",
            message: `${p.grantee} should hold ${p.privilege} on ${t.schema}.${p.relation} under the policy but does not; provision the product again.`,
            context: { ...p, schema: t.schema },
          },
          db,
          now,
        );
        report.missing++;
      }
    } catch (err) {
      entry.failed = true;
      report.failed.push(t.schema);
      logger.error({ err, schema: t.schema }, "access-control check failed");
    }
  }
  for (const [productId, { details, failed }] of byProduct) if (!failed) await resolveCleared("access", productId, details, db, now);
  return report;
}
