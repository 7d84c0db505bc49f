// A zod error as the field errors a form shows next to its inputs: the one conversion every entry point
// uses (services through parseInput, actions, routes, client-side checks).
import type { z } from "zod";

/** Zod's path as the dotted key a form uses for its error regions: `schema.2.name`. */
export function issueKey(path: readonly PropertyKey[]): string {
  return path.map(String).join(".");
}

/**
 * Messages per dotted path (`schema.2.name`), each message once. Issues about the whole input (not one
 * field) are under the empty key "". `depth` cuts paths to that many segments, for forms whose input
 * holds a whole list or mapping (a `tags` box, a YAML `config` area): depth 1 keys by the input's name.
 */
export function fieldErrors(error: z.ZodError, opts: { depth?: number } = {}): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issueKey(opts.depth === undefined ? issue.path : issue.path.slice(0, opts.depth));
    const messages = (result[key] ??= []);
    if (!messages.includes(issue.message)) messages.push(issue.message);
  }
  return result;
}
