// Where the CLI keeps the portal URL and token: $XDG_CONFIG_HOME/meshport/config.json (default
// ~/.config/meshport), readable by the user only. MESHPORT_URL and MESHPORT_TOKEN override it (CI).
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";

export type CliConfig = { url: string; token: string };

export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME || path.join(homedir(), ".config");
  return path.join(base, "meshport", "config.json");
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Partial<CliConfig> {
  let stored: Partial<CliConfig> = {};
  try {
    stored = JSON.parse(readFileSync(configPath(env), "utf8")) as Partial<CliConfig>;
  } catch {
    // not logged in yet
  }
  return { url: env.MESHPORT_URL || stored.url, token: env.MESHPORT_TOKEN || stored.token };
}

export function writeConfig(config: CliConfig, env: NodeJS.ProcessEnv = process.env): string {
  const file = configPath(env);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, JSON.stringify(config, null, 2) + "\n", { mode: 0o600 });
  chmodSync(file, 0o600);
  return file;
}
