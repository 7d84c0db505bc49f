// `npm run dev`: like `npm start`, but `next dev` with hot reload.
import { spawn } from "node:child_process";
import { ensureDatabase } from "./embedded-db";
import { migrateDeploy } from "./prisma";
import { NEXT_BIN, authSecret, clientIsGenerated, prismaGenerate, seedDemo } from "./run";

async function main() {
  const embedded = !process.env.DATABASE_URL;
  // The Prisma client is generated code (gitignored): make it before anything imports it.
  if (!clientIsGenerated()) await prismaGenerate();
  const database = await ensureDatabase();
  await migrateDeploy(database.url);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    AUTH_SECRET: authSecret(),
    AUTH_TRUST_HOST: "true",
    DEMO_MODE: process.env.DEMO_MODE ?? (embedded ? "true" : "false"),
  };
  await seedDemo(env);
  const server = spawn(process.execPath, [NEXT_BIN, "dev", "-p", process.env.PORT ?? "3000"], { stdio: "inherit", env });
  process.on("SIGINT", () => server.kill("SIGINT"));
  process.on("SIGTERM", () => server.kill("SIGTERM"));
  server.on("close", async (code) => {
    await database.stop?.();
    process.exit(code ?? 0);
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
