// Integration test of the offline schema-engine shim: the real Prisma CLI runs `migrate deploy` through
// scripts/prisma-engine-shim.mjs (wasm engine + adapter-pg) on a scratch database.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT, createScratchDatabase, withDatabase } from "./embedded-db";
import { ENGINE_SHIM, migrateDeploy } from "./prisma";

const FIXTURE = path.join(REPO_ROOT, "scripts", "__fixtures__", "shim");
const MIGRATION = "20240101000000_init";
const BASE_URL = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("prisma engine shim", () => {
  let scratch: { url: string; drop: () => Promise<void> };

  beforeAll(async () => {
    scratch = await createScratchDatabase(BASE_URL, "shim_it");
  });

  afterAll(async () => {
    await scratch?.drop();
  });

  it("answers --version like the native engine (commit hash included)", () => {
    const out = spawnSync(ENGINE_SHIM, ["--version"], { encoding: "utf8" });
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/^schema-engine-cli [0-9a-f]{40}/);
  });

  it("reports a missing database as P1003 on `cli can-connect-to-database`", () => {
    const url = withDatabase(scratch.url, "shim_it_does_not_exist");
    const out = spawnSync(ENGINE_SHIM, ["--datasource", JSON.stringify({ url }), "cli", "can-connect-to-database"], {
      encoding: "utf8",
    });
    expect(out.status).toBe(1);
    const logs = out.stderr
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => JSON.parse(l));
    expect(logs).toContainEqual(expect.objectContaining({ level: "ERROR", fields: expect.objectContaining({ error_code: "P1003" }) }));
  });

  it("applies the fixture migration with `prisma migrate deploy`", async () => {
    await migrateDeploy(scratch.url, { config: path.join(FIXTURE, "prisma.config.ts"), cwd: FIXTURE });

    const [table] = await query<{ t: string | null }>(scratch.url, "SELECT to_regclass('public.shim_widget')::text AS t");
    expect(table.t).toBe("shim_widget");
    // The whole script ran as one statement batch: the `$$ ...; ... $$` body survived.
    const [fn] = await query<{ v: string }>(scratch.url, "SELECT shim_label() AS v");
    expect(fn.v).toBe("a;b");

    const sql = readFileSync(path.join(FIXTURE, "migrations", MIGRATION, "migration.sql"));
    const rows = await query<{ migration_name: string; checksum: string; finished: boolean; rolled_back: boolean }>(
      scratch.url,
      `SELECT migration_name, checksum, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back
         FROM _prisma_migrations`,
    );
    expect(rows).toEqual([
      { migration_name: MIGRATION, checksum: createHash("sha256").update(sql).digest("hex"), finished: true, rolled_back: false },
    ]);
  });

  it("is idempotent: a second deploy applies nothing", async () => {
    await migrateDeploy(scratch.url, { config: path.join(FIXTURE, "prisma.config.ts"), cwd: FIXTURE });
    const [{ n }] = await query<{ n: number }>(scratch.url, "SELECT count(*)::int AS n FROM _prisma_migrations");
    expect(n).toBe(1);
  });
});
