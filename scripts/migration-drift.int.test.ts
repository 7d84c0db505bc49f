// Migration drift guard: every migration applied to a fresh database must give exactly the schema in
// prisma/schema.prisma. The schema engine (through the offline shim) is asked for the SQL that would still be
// needed; any at all means a migration and the schema disagree (a hand-written migration that misses an index,
// a schema change without its migration, two merged branches that each changed the same table).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchDatabase } from "./embedded-db";
import { migrateDeploy, migrateDiff } from "./prisma";

const BASE_URL = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

describe("migrations and prisma/schema.prisma", () => {
  let scratch: { url: string; drop: () => Promise<void> };

  beforeAll(async () => {
    scratch = await createScratchDatabase(BASE_URL, "drift_it");
    await migrateDeploy(scratch.url);
  });

  afterAll(async () => {
    await scratch?.drop();
  });

  it("all migrations on a fresh database leave nothing for the schema engine to change", async () => {
    const diff = await migrateDiff(scratch.url);
    expect(diff.sql, `prisma/schema.prisma and prisma/migrations disagree; the schema engine would still run:\n${diff.sql}`).not.toMatch(
      /^(CREATE|ALTER|DROP)\b/m,
    );
    expect(diff.drift).toBe(false);
  });

  it("notices a difference (a column the schema does not know)", async () => {
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    try {
      await client.query("ALTER TABLE settings ADD COLUMN drift_probe int");
    } finally {
      await client.end();
    }
    const diff = await migrateDiff(scratch.url);
    expect(diff.drift).toBe(true);
    expect(diff.sql).toMatch(/DROP COLUMN "drift_probe"/);
  });
});
