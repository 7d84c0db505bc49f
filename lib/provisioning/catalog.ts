// What PostgreSQL's catalog says exists: the steps compare against it instead of trusting their own
// records, which is what makes every step safe to run again after a crash.
import "server-only";
import type { PgClient } from "@/lib/pg";
import type { ExistingTable } from "./table-design";
import { roleOwnerTag, schemaOwnedBy } from "./naming";

export async function schemaExists(client: PgClient, schema: string): Promise<boolean> {
  const r = await client.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schema]);
  return r.rowCount === 1;
}

/** Whether a schema exists and whether its comment tags it as this deployment's. */
export async function schemaOwnership(client: PgClient, schema: string, deploymentId: string): Promise<"missing" | "ours" | "foreign"> {
  const r = await client.query<{ comment: string | null }>(
    "SELECT obj_description(oid, 'pg_namespace') AS comment FROM pg_namespace WHERE nspname = $1",
    [schema],
  );
  if (r.rowCount === 0) return "missing";
  return schemaOwnedBy(r.rows[0].comment, deploymentId) ? "ours" : "foreign";
}

export async function tablesInSchema(client: PgClient, schema: string): Promise<string[]> {
  const r = await client.query<{ relname: string }>(
    "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') ORDER BY c.relname",
    [schema],
  );
  return r.rows.map((row) => row.relname);
}

export async function describeTable(client: PgClient, schema: string, table: string): Promise<ExistingTable | null> {
  const cols = await client.query<{ name: string; type: string; not_null: boolean }>(
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attnum`,
    [schema, table],
  );
  if (cols.rowCount === 0) return null;
  const pk = await client.query<{ name: string }>(
    `SELECT a.attname AS name
       FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) ON true
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
      WHERE n.nspname = $1 AND c.relname = $2 AND i.indisprimary
      ORDER BY k.ord`,
    [schema, table],
  );
  return {
    name: table,
    columns: cols.rows.map((c) => ({ name: c.name, type: c.type, notNull: c.not_null })),
    primaryKey: pk.rows.map((p) => p.name),
  };
}

/** A role and the deployment tag in its comment (null tag: someone else's role). */
export async function findRole(client: PgClient, role: string): Promise<{ exists: boolean; tag: string | null }> {
  const r = await client.query<{ tag: string | null }>(
    "SELECT shobj_description(oid, 'pg_authid') AS tag FROM pg_roles WHERE rolname = $1",
    [role],
  );
  return r.rowCount === 0 ? { exists: false, tag: null } : { exists: true, tag: r.rows[0].tag };
}

/** Every role created for this deployment, found by its tag (so even a half-recorded role is found). */
export async function rolesOfDeployment(client: PgClient, deploymentId: string): Promise<string[]> {
  const r = await client.query<{ rolname: string }>(
    "SELECT rolname FROM pg_roles WHERE shobj_description(oid, 'pg_authid') = $1 ORDER BY rolname",
    [roleOwnerTag(deploymentId)],
  );
  return r.rows.map((row) => row.rolname);
}

export async function currentUserInfo(
  client: PgClient,
): Promise<{ superuser: boolean; createRole: boolean; canCreateSchema: boolean; serverVersion: string }> {
  const r = await client.query<{ rolsuper: boolean; rolcreaterole: boolean; can_create: boolean; version: string }>(
    `SELECT r.rolsuper, r.rolcreaterole, has_database_privilege(current_user, current_database(), 'CREATE') AS can_create,
            current_setting('server_version') AS version
       FROM pg_roles r WHERE r.rolname = current_user`,
  );
  const row = r.rows[0];
  return {
    superuser: row.rolsuper,
    createRole: row.rolsuper || row.rolcreaterole,
    canCreateSchema: row.can_create,
    serverVersion: row.version.split(" ")[0],
  };
}
