// What the standalone `bench/*-row.ts` entries share: their `--name value` arguments, the server they measure on
// (DATABASE_URL) and a scratch database with the migrations and the demo seed, dropped afterwards.
import pg from "pg";
import { migrateDeploy } from "../scripts/prisma";
import { seedDemo } from "../scripts/run";
import { quoteIdent } from "@/lib/provisioning/naming";

/** The value after `--<name>` on the command line, if any. */
export function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

/** DATABASE_URL: the PostgreSQL server the bench creates its scratch databases on. */
export function benchServer(): string {
  const admin = process.env.DATABASE_URL;
  if (!admin) throw new Error("DATABASE_URL (a server where a scratch database can be created) is required");
  return admin;
}

/** Runs `fn` on a fresh `meshport_bench_<prefix>_…` database, migrated and seeded with the demo; always drops it. */
export async function withSeededScratch<T>(prefix: string, fn: (url: string) => Promise<T>): Promise<T> {
  const admin = benchServer();
  const name = `meshport_bench_${prefix}_${Date.now().toString(36)}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  const u = new URL(admin);
  u.pathname = `/${name}`;
  const url = u.toString();
  let roles: string[] = [];
  try {
    await migrateDeploy(url);
    await seedDemo({ ...process.env, DATABASE_URL: url, LOG_LEVEL: "warn" });
    return await fn(url);
  } finally {
    roles = await rolesOfScratch(url).catch(() => []);
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
    // Roles are the cluster's, not the database's: left behind, the next run's demo seed would find its
    // products' role names taken and fail to provision them.
    for (const role of roles) await c.query(`DROP ROLE IF EXISTS ${quoteIdent(role)}`).catch(() => {});
    await c.end();
  }
}

/** The roles the scratch database's deployments and access grants created (owned objects dropped). */
async function rolesOfScratch(url: string): Promise<string[]> {
  const { rolesOfDeployment } = await import("@/lib/provisioning/catalog");
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const grants = await c.query<{ db_role: string }>("SELECT DISTINCT db_role FROM access_grants WHERE db_role IS NOT NULL");
    const roles = grants.rows.map((r) => r.db_role);
    for (const d of (await c.query<{ id: string }>("SELECT id FROM deployments")).rows) roles.push(...(await rolesOfDeployment(c, d.id)));
    const existing = roles.filter((r, i) => roles.indexOf(r) === i);
    for (const role of existing) await c.query(`DROP OWNED BY ${quoteIdent(role)}`).catch(() => {});
    return existing;
  } finally {
    await c.end();
  }
}
