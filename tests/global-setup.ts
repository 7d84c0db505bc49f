// Integration tests get their own database: created on the server DATABASE_URL names (or the embedded
// PostgreSQL when unset), migrated with the project's migrations, and dropped when the run ends.
import { createScratchDatabase, ensureDatabase } from "../scripts/embedded-db";
import { migrateDeploy } from "../scripts/prisma";

export default async function setup() {
  const server = await ensureDatabase({ dbName: "postgres" });
  const scratch = await createScratchDatabase(server.url, "meshport_it");
  await migrateDeploy(scratch.url);
  process.env.DATABASE_URL = scratch.url;
  process.env.DEMO_MODE = "true";
  return async () => {
    await scratch.drop();
    await server.stop?.();
  };
}
