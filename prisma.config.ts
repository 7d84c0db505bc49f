// Prisma 7 configuration (read by every `prisma` CLI command; run them through `tsx scripts/prisma.ts ...`,
// which also points Prisma at the offline schema-engine shim and can start an embedded PostgreSQL).
//
// DATABASE_URL may be unset: `prisma generate` / `validate` / `format` need no database, so nothing here throws.
// No .env loading happens here (no dotenv dependency): export DATABASE_URL in the environment instead.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: {
    path: "prisma/migrations",
    seed: "tsx prisma/seed/run.ts",
  },
  datasource: {
    url: process.env.DATABASE_URL,
    // Optional: an explicit shadow database for `migrate dev` (otherwise a temporary one is created and dropped).
    shadowDatabaseUrl: process.env.SHADOW_DATABASE_URL,
  },
});
