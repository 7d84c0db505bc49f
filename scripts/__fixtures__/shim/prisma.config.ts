// Fixture for scripts/prisma-engine-shim.int.test.ts: a tiny schema + one migration, independent of the app's.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "schema.prisma",
  migrations: { path: "migrations" },
  datasource: { url: process.env.DATABASE_URL },
});
