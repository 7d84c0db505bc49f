// Small process helpers shared by the start, dev, e2e and test scripts.
import { spawn, type SpawnOptions } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { REPO_ROOT } from "./embedded-db";

// No telemetry pings from scripts that build or start Next.js (the machines here have no internet anyway).
process.env.NEXT_TELEMETRY_DISABLED ??= "1";

export const NEXT_BIN = path.join(REPO_ROOT, "node_modules", "next", "dist", "bin", "next");
export const TSX_BIN = path.join(REPO_ROOT, "node_modules", "tsx", "dist", "cli.mjs");

/** Runs a command to completion; resolves with its exit code. */
export function run(cmd: string, args: string[], opts: SpawnOptions = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: "inherit", cwd: REPO_ROOT, ...opts });
    child.on("error", reject);
    child.on("close", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

export async function runOrThrow(cmd: string, args: string[], opts: SpawnOptions = {}): Promise<void> {
  const code = await run(cmd, args, opts);
  if (code !== 0) throw new Error(`${path.basename(cmd)} ${args.join(" ")} exited with ${code}`);
}

export const node = (args: string[], opts: SpawnOptions = {}) => runOrThrow(process.execPath, args, opts);

/** AUTH_SECRET from the environment, else one generated once and kept under .data/. */
export function authSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = path.join(REPO_ROOT, ".data", "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

function newestMtime(dir: string): number {
  let newest = 0;
  if (!existsSync(dir)) return 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "generated" || entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** True when there is no production build or a source file changed after it was made. */
export function buildIsStale(): boolean {
  const buildId = path.join(REPO_ROOT, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  const sources = ["app", "components", "lib", "public", "prisma"].map((d) => newestMtime(path.join(REPO_ROOT, d)));
  const files = ["next.config.js", "package-lock.json", "postcss.config.mjs"].map((f) =>
    existsSync(path.join(REPO_ROOT, f)) ? statSync(path.join(REPO_ROOT, f)).mtimeMs : 0,
  );
  return Math.max(...sources, ...files) > built;
}

export function clientIsGenerated(): boolean {
  return existsSync(path.join(REPO_ROOT, "lib", "generated", "prisma", "client.ts"));
}

export const prismaGenerate = () => node([TSX_BIN, path.join(REPO_ROOT, "scripts", "prisma.ts"), "generate"]);
export const seedDemo = (env: NodeJS.ProcessEnv) =>
  node([TSX_BIN, "--conditions=react-server", path.join(REPO_ROOT, "prisma", "seed", "run.ts")], { env });
