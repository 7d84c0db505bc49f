// `npm start`: the whole portal from a fresh clone. Starts (or reuses) the database — the embedded
// PostgreSQL under .data/ when DATABASE_URL is unset — applies migrations, seeds the demo data,
// builds when the build is missing or stale, then runs `next start`.
import { spawn } from "node:child_process";
import { ensureDatabase } from "./embedded-db";
import { migrateDeploy } from "./prisma";
import { NEXT_BIN, authSecret, buildIsStale, clientIsGenerated, node, prismaGenerate, seedDemo } from "./run";

async function main() {
  const embedded = !process.env.DATABASE_URL;
  const started = Date.now();
  const step = (msg: string) => console.log(`[meshport] ${msg} (+${((Date.now() - started) / 1000).toFixed(1)}s)`);

  // The Prisma client is generated code (gitignored): make it before anything imports it.
  if (!clientIsGenerated()) await prismaGenerate();
  const database = await ensureDatabase();
  step(embedded ? "embedded PostgreSQL ready under .data/pg" : "using DATABASE_URL");
  await migrateDeploy(database.url);
  step("migrations applied");

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    AUTH_SECRET: authSecret(),
    AUTH_TRUST_HOST: "true",
    DEMO_MODE: process.env.DEMO_MODE ?? (embedded ? "true" : "false"),
    NODE_ENV: "production",
  };
  if (process.env.SEED_DEMO !== "false") {
    await seedDemo(env);
    step("demo data ready");
  }
  if (buildIsStale()) {
    step("building the portal (first start or changed sources: about a minute)");
    await node([NEXT_BIN, "build"], { env });
    step("build done");
  }
  const port = process.env.PORT ?? "3000";
  const server = spawn(process.execPath, [NEXT_BIN, "start", "-p", port], { stdio: "inherit", env });
  step(`portal starting on http://localhost:${port}`);
  const shutdown = (signal: NodeJS.Signals) => server.kill(signal);
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  server.on("close", async (code) => {
    await database.stop?.();
    process.exit(code ?? 0);
  });
}

main().catch((e) => {
  console.error(`[meshport] start failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
