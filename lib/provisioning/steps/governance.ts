// Governance: one NOLOGIN role per access role of the product, with exactly the privileges the
// effective policy allows (grants.ts), on every dataset's tables and views. Roles are cluster-wide in PostgreSQL, so each carries a comment
// naming its deployment: a role is only ever changed or dropped by the deployment that created it, and
// one that belongs to anything else stops the step instead of being taken over.
import "server-only";
import { currentUserInfo, findRole, rolesOfDeployment, schemaExists } from "../catalog";
import { grantStatements } from "../grants";
import { quoteIdent, quoteLiteral, roleOwnerTag } from "../naming";
import type { PgClient } from "@/lib/pg";
import { StepError, type StepImpl } from "./context";
import { ownSchemaExists } from "./own-schema";
import { loginGrantStatements, maskedViewNameFor } from "../masking";
import { datasetRelations } from "../datasets";

async function dropRole(client: PgClient, role: string, schema: string | null): Promise<void> {
  if (schema && (await schemaExists(client, schema))) {
    await client.query(`REVOKE ALL ON ALL TABLES IN SCHEMA ${quoteIdent(schema)} FROM ${quoteIdent(role)}`);
    await client.query(`REVOKE ALL ON SCHEMA ${quoteIdent(schema)} FROM ${quoteIdent(role)}`);
  }
  // Privileges the role still holds in this database (granted by hand, say) would block DROP ROLE.
  await client.query(`DROP OWNED BY ${quoteIdent(role)}`);
  await client.query(`DROP ROLE IF EXISTS ${quoteIdent(role)}`);
}

export const provisionGovernance: StepImpl = async ({ client, request, deployment, log }) => {
  const { schema, grants, view } = request;
  const table = deployment.tableName;
  if (!table) throw new StepError("There is no table to grant on; run the storage step first.");
  const tag = roleOwnerTag(deployment.id);
  const me = await currentUserInfo(client);
  if (!me.createRole) throw new StepError("The portal's database user may not create roles (CREATEROLE); ask the database administrator.");

  const datasets = datasetRelations(deployment.resources.datasets);
  for (const grant of grants) {
    const found = await findRole(client, grant.roleName);
    if (found.exists && found.tag !== tag) {
      throw new StepError(
        `A database role named ${grant.roleName} already exists and does not belong to this deployment; rename the access role ${grant.accessRole} or remove that role.`,
      );
    }
    if (!found.exists) {
      await client.query(`CREATE ROLE ${quoteIdent(grant.roleName)} NOLOGIN`);
      await client.query(`COMMENT ON ROLE ${quoteIdent(grant.roleName)} IS ${quoteLiteral(tag)}`);
      // A non-superuser portal needs membership to read as the role (SET ROLE) in the read endpoint.
      if (!me.superuser) await client.query(`GRANT ${quoteIdent(grant.roleName)} TO CURRENT_USER`);
      await log(`Created role ${grant.roleName} (NOLOGIN) for access role ${grant.accessRole}`);
    }
    const tables = {
      current: table,
      previous: deployment.resources.previousTables ?? [],
      view,
      maskedView: maskedViewNameFor(view),
      datasets,
    };
    for (const sql of grantStatements(schema, grant, tables)) await client.query(sql);
    const summary = grant.privileges.length > 0 ? `USAGE on schema, ${grant.privileges.join(", ")} on ${table}` : "no privileges";
    await log(`${grant.roleName}: ${summary}`);
    for (const w of grant.withheld) await log(`${grant.accessRole}: ${w.permission} withheld because ${w.reason}`, "warn");
  }

  const wanted = new Set(grants.map((g) => g.roleName));
  for (const stale of (await rolesOfDeployment(client, deployment.id)).filter((r) => !wanted.has(r))) {
    await dropRole(client, stale, schema);
    await log(`Dropped role ${stale}: its access role is no longer in the spec`);
  }

  // SQL logins of live access grants read the masked view; re-creating the view took their privilege away.
  const logins = await client.query<{ db_role: string }>(
    `SELECT g.db_role FROM access_grants g JOIN deployments d ON d.product_id = g.product_id JOIN pg_roles r ON r.rolname = g.db_role
      WHERE d.id = $1 AND g.ended_at IS NULL AND g.expires_at > now()`,
    [deployment.id],
  );
  for (const { db_role } of logins.rows) {
    for (const sql of loginGrantStatements(schema, maskedViewNameFor(view), db_role)) await client.query(sql);
    for (const d of datasets)
      if (d.maskedView) for (const sql of loginGrantStatements(schema, d.maskedView, db_role)) await client.query(sql);
    await log(`${db_role}: SELECT on the masked view${datasets.length > 0 ? "s" : ""} (a live access grant)`);
  }

  const roles = grants.map((g) => ({ accessRole: g.accessRole, roleName: g.roleName, privileges: g.privileges }));
  return {
    output: { roles, withheld: grants.flatMap((g) => g.withheld.map((w) => ({ role: g.accessRole, ...w }))) },
    deployment: { resources: { roles } },
  };
};

export const deprovisionGovernance: StepImpl = async ({ client, request, deployment, log }) => {
  const schema = deployment.schemaName ?? request.schema;
  // First step of a deprovisioning: stop before anything is dropped when the schema is not ours.
  await ownSchemaExists(client, schema, deployment.id);
  const tagged = await rolesOfDeployment(client, deployment.id);
  for (const role of tagged) {
    await dropRole(client, role, schema);
    await log(`Revoked all grants of ${role} and dropped it`);
  }
  if (tagged.length === 0) await log("No roles to drop");
  return { output: { droppedRoles: tagged }, deployment: { resources: { roles: [] } } };
};
