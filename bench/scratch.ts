// What the standalone `bench/*-row.ts` entries share: their `--name value` arguments, the server they measure on
// (DATABASE_URL) and a scratch database with the migrations and the demo seed, dropped afterwards.
import pg from "pg";
import { migrateDeploy } from "../scripts/prisma";
import { seedDemo } from "../scripts/run";

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
  try {
    await migrateDeploy(url);
    await seedDemo({ ...process.env, DATABASE_URL: url, LOG_LEVEL: "warn" });
    return await fn(url);
  } finally {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
    await c.end();
  }
}
