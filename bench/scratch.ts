// What the standalone `bench/*-row.ts` entries share: their `--name value` arguments, the server they measure on
// (DATABASE_URL) and a scratch database with the migrations and the demo seed, dropped afterwards.
import { migrateDeploy } from "../scripts/prisma";
import { seedDemo } from "../scripts/run";
import { createScratchDatabase } from "../scripts/embedded-db";

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

/**
 * Runs `fn` on a fresh `meshport_bench_<prefix>_…` database, migrated and seeded with the demo; always drops it,
 * with the cluster roles its demo deployments created (createScratchDatabase).
 */
export async function withSeededScratch<T>(prefix: string, fn: (url: string) => Promise<T>): Promise<T> {
  const scratch = await createScratchDatabase(benchServer(), `meshport_bench_${prefix}`);
  try {
    await migrateDeploy(scratch.url);
    await seedDemo({ ...process.env, DATABASE_URL: scratch.url, LOG_LEVEL: "warn" });
    return await fn(scratch.url);
  } finally {
    await scratch.drop().catch(() => {});
  }
}
