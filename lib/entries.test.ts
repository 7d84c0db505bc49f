// The areas' public entries keep their promise: `lib/<area>/index.ts` pulls in nothing server-only (client
// components and pure files import it), `lib/<area>/server.ts` is server-only, and no value import in lib/
// goes round in a circle (an entry that re-exports a module of a cycle can hand out a binding before it is
// initialized). ESLint sees one import at a time; this follows them all. Type-only imports are erased.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const SERVER_ONLY = /^(server-only|next\/headers|pg|pg-boss|@\/lib\/(db|pg)|@\/lib\/generated\/.*)$/;

function libFiles(dir = path.join(ROOT, "lib")): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" || entry.name === "__fixtures__" ? [] : libFiles(full);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [full] : [];
  });
}

/** The module specifiers a file imports or re-exports at run time (type-only ones are erased). */
function valueImports(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const specifiers: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.isTypeOnly) continue;
      const named = clause?.namedBindings;
      const onlyTypes =
        clause &&
        !clause.name &&
        named &&
        ts.isNamedImports(named) &&
        named.elements.length > 0 &&
        named.elements.every((e) => e.isTypeOnly);
      if (!onlyTypes) specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && !statement.isTypeOnly) {
      const named = statement.exportClause;
      if (named && ts.isNamedExports(named) && named.elements.every((e) => e.isTypeOnly)) continue;
      specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return specifiers;
}

/** A specifier to a file of this repository (null for packages). */
function resolve(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/")
    ? path.join(ROOT, specifier.slice(2))
    : specifier.startsWith(".")
      ? path.resolve(path.dirname(from), specifier)
      : null;
  if (!base) return null;
  return [`${base}.ts`, path.join(base, "index.ts")].find((candidate) => fs.existsSync(candidate)) ?? null;
}

const files = libFiles();
const graph = new Map(files.map((file) => [file, valueImports(file)]));
const relative = (file: string) => path.relative(ROOT, file);

/** Every chain from `start` to a server-only import, as "a.ts → b.ts → server-only". */
function serverOnlyChains(start: string): string[] {
  const chains: string[] = [];
  const seen = new Set<string>();
  const visit = (file: string, trail: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of graph.get(file) ?? valueImports(file)) {
      if (SERVER_ONLY.test(specifier)) chains.push([...trail, relative(file), specifier].join(" → "));
      const next = resolve(file, specifier);
      if (next) visit(next, [...trail, relative(file)]);
    }
  };
  visit(start, []);
  return chains;
}

describe("areas' public entries", () => {
  const entries = files.filter((file) => /^lib\/[^/]+\/(index|server)\.ts$/.test(relative(file)));

  it("exist", () => {
    expect(entries.length).toBeGreaterThan(0);
  });

  it.each(entries.filter((file) => file.endsWith("index.ts")).map(relative))("%s reaches nothing server-only", (entry) => {
    expect(serverOnlyChains(path.join(ROOT, entry))).toEqual([]);
  });

  it.each(entries.filter((file) => file.endsWith("server.ts")).map(relative))("%s is server-only", (entry) => {
    expect(graph.get(path.join(ROOT, entry))).toContain("server-only");
  });

  it("lib/ has no import cycle", () => {
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const visit = (file: string, trail: string[]) => {
      if (state.get(file) === "done") return;
      if (state.get(file) === "open") {
        cycles.push([...trail.slice(trail.indexOf(file)), file].map(relative).join(" → "));
        return;
      }
      state.set(file, "open");
      for (const specifier of graph.get(file) ?? []) {
        const next = resolve(file, specifier);
        if (next && graph.has(next)) visit(next, [...trail, file]);
      }
      state.set(file, "done");
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
