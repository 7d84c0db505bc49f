// The reliability suite's own scratch database. Same steps as tests/global-setup.ts (create, migrate,
// drop at the end), but the URL is handed to the workers with provide/inject instead of process.env:
// `vitest run` starts every project's global setup in one process, so two setups writing
// process.env.DATABASE_URL would leave the integration and reliability projects on ONE database, and
// this suite (which saves global policies, kills workers and counts rows) would disturb theirs.
import type { TestProject } from "vitest/node";
import { createScratchDatabase, ensureDatabase } from "../../scripts/embedded-db";
import { migrateDeploy } from "../../scripts/prisma";

declare module "vitest" {
  export interface ProvidedContext {
    reliabilityDatabaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await ensureDatabase({ dbName: "postgres" });
  const scratch = await createScratchDatabase(server.url, "meshport_rel");
  await migrateDeploy(scratch.url);
  project.provide("reliabilityDatabaseUrl", scratch.url);
  return async () => {
    await scratch.drop();
    await server.stop?.();
  };
}
