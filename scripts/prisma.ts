// `tsx scripts/prisma.ts <prisma CLI args>`: the Prisma CLI, working offline.
//  - PRISMA_SCHEMA_ENGINE_BINARY -> scripts/prisma-engine-shim.mjs (wasm schema engine; no native download);
//  - commands that need a database get DATABASE_URL from ensureDatabase() when it is unset (embedded PostgreSQL).
// Also exports migrateDeploy(url) for test setup and start scripts, and migrateDiff(url) for the drift guard.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { REPO_ROOT, ensureDatabase } from "./embedded-db";

export const ENGINE_SHIM = path.join(REPO_ROOT, "scripts", "prisma-engine-shim.mjs");
export const PRISMA_CLI = path.join(REPO_ROOT, "node_modules", "prisma", "build", "index.js");

/** Commands that never talk to a database. */
const NO_DATABASE_COMMANDS = new Set(["generate", "format", "validate", "version", "init", "help", "debug"]);
/** Global flags taking a value (so the value is not mistaken for the command). */
const FLAGS_WITH_VALUE = new Set(["--schema", "--config"]);

export function needsDatabase(args: string[]): boolean {
  if (args.length === 0 || args.some((a) => a === "--version" || a === "-v" || a === "--help" || a === "-h")) return false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (FLAGS_WITH_VALUE.has(arg)) i++;
    else if (!arg.startsWith("-")) return !NO_DATABASE_COMMANDS.has(arg);
  }
  return false;
}

/** Environment for the Prisma CLI: the engine shim, and no network chatter (update checks, telemetry). */
export function prismaEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: ENGINE_SHIM,
    CHECKPOINT_DISABLE: "1",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    ...extra,
  };
}

/**
 * `prisma migrate deploy` against `url` (the repo's prisma.config.ts unless `opts.config` names another).
 * Throws with the CLI output on failure.
 */
export async function migrateDeploy(url: string, opts: { config?: string; cwd?: string } = {}): Promise<void> {
  const args = [PRISMA_CLI, "migrate", "deploy", ...(opts.config ? ["--config", opts.config] : [])];
  const child = spawn(process.execPath, args, {
    cwd: opts.cwd ?? REPO_ROOT,
    env: prismaEnv({ DATABASE_URL: url }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", resolve);
  });
  if (code !== 0) throw new Error(`prisma migrate deploy failed (exit ${code}):\n${output.trim()}`);
}

/**
 * The SQL that would bring the database at `url` to prisma/schema.prisma (`prisma migrate diff
 * --from-config-datasource --to-schema … --script --exit-code`): `drift` is false when none is needed.
 * Throws with the CLI output when the diff itself fails.
 */
export async function migrateDiff(url: string): Promise<{ drift: boolean; sql: string }> {
  const args = [
    PRISMA_CLI,
    "migrate",
    "diff",
    "--from-config-datasource",
    "--to-schema",
    "prisma/schema.prisma",
    "--script",
    "--exit-code",
  ];
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env: prismaEnv({ DATABASE_URL: url }), stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", resolve);
  });
  // --exit-code: 0 = empty diff, 2 = SQL needed, anything else = the diff failed.
  if (code !== 0 && code !== 2) throw new Error(`prisma migrate diff failed (exit ${code}):\n${(stdout + stderr).trim()}`);
  return { drift: code === 2, sql: stdout.trim() };
}

async function main(args: string[]): Promise<number> {
  let stop: (() => Promise<void>) | undefined;
  const extra: Record<string, string> = {};
  if (!process.env.DATABASE_URL && needsDatabase(args)) {
    const db = await ensureDatabase();
    extra.DATABASE_URL = db.url;
    stop = db.stop;
    if (stop) process.stderr.write(`[prisma.ts] started embedded PostgreSQL: ${db.url.replace(/:[^:@/]*@/, ":***@")}\n`);
  }
  try {
    const child = spawn(process.execPath, [PRISMA_CLI, ...args], { stdio: "inherit", env: prismaEnv(extra) });
    return await new Promise<number>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    });
  } finally {
    await stop?.();
  }
}

const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
