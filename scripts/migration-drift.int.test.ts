// Migration drift guard: every migration applied to a fresh database must give exactly the schema in
// prisma/schema.prisma. The schema engine (through the offline shim) is asked for the SQL that would still be
// needed; any at all means a migration and the schema disagree (a hand-written migration that misses an index,
// a schema change without its migration, two merged branches that each changed the same table). The second
// case, on a copy of the migrated database with one column added, shows the guard notices a difference; the
// two diffs run at the same time to keep the file fast.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchDatabase } from "./embedded-db";
import { migrateDeploy, migrateDiff } from "./prisma";

const BASE_URL = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

describe.concurrent("migrations and prisma/schema.prisma", () => {
  let migrated: { url: string; drop: () => Promise<void> };
  let altered: { url: string; drop: () => Promise<void> };

  beforeAll(async () => {
    migrated = await createScratchDatabase(BASE_URL, "drift_it");
    await migrateDeploy(migrated.url);
    altered = await createScratchDatabase(BASE_URL, "drift_it", { template: new URL(migrated.url).pathname.slice(1) });
    const client = new pg.Client({ connectionString: altered.url });
    await client.connect();
    try {
      await client.query("ALTER TABLE settings ADD COLUMN drift_probe int");
    } finally {
      await client.end();
    }
  });

  afterAll(async () => {
    await Promise.all([migrated?.drop(), altered?.drop()]);
  });

  it("all migrations on a fresh database leave nothing for the schema engine to change", async () => {
    const diff = await migrateDiff(migrated.url);
    expect(diff.sql, `prisma/schema.prisma and prisma/migrations disagree; the schema engine would still run:\n${diff.sql}`).not.toMatch(
      /^(CREATE|ALTER|DROP)\b/m,
    );
    expect(diff.drift).toBe(false);
  });

  it("notices a difference (a column the schema does not know)", async () => {
    const diff = await migrateDiff(altered.url);
    expect(diff.drift).toBe(true);
    expect(diff.sql).toMatch(/DROP COLUMN "drift_probe"/);
  });
});
