// Finds every server action and API route handler on disk, so a new one cannot slip past the
// authorization table: "use server" modules anywhere under app/ (their exported functions), and
// app/api/**/route.ts (their exported HTTP methods).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

export type Discovered = { target: string; file: string; kind: "action" | "route" };

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (/\.(ts|tsx|js|mjs)$/.test(entry.name)) out.push(full);
  }
  return out;
}

/** A module whose first statement is the "use server" directive (comments before it are allowed). */
export function isServerActionModule(source: string): boolean {
  const withoutComments = source.replace(/^\s*(?:\/\/[^\n]*\n|\/\*[\s\S]*?\*\/\s*)*/, "");
  return /^\s*["']use server["']/.test(withoutComments);
}

/** Files that mention "use server" without being such a module: inline actions the scan cannot list. */
export function inlineServerActionFiles(root: string): string[] {
  return walk(path.join(root, "app"))
    .filter((f) => {
      const src = readFileSync(f, "utf8");
      return /["']use server["']/.test(src) && !isServerActionModule(src);
    })
    .map((f) => path.relative(root, f));
}

export async function discover(root: string): Promise<Discovered[]> {
  const found: Discovered[] = [];
  for (const file of walk(path.join(root, "app")).sort()) {
    const rel = path.relative(root, file).split(path.sep).join("/");
    const source = readFileSync(file, "utf8");
    if (isServerActionModule(source)) {
      const mod = (await import(file)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod))
        if (typeof value === "function") found.push({ target: `${rel}#${name}`, file, kind: "action" });
    } else if (/^app\/api\/.*\/route\.(ts|js)$/.test(rel)) {
      const mod = (await import(file)) as Record<string, unknown>;
      for (const method of HTTP_METHODS)
        if (typeof mod[method] === "function") found.push({ target: `${rel}#${method}`, file, kind: "route" });
    }
  }
  return found;
}
