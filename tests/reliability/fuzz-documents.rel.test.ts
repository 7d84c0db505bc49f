// Property-based fuzzing of every document parser: product YAML, ODCS contracts, governance policies
// (global, domain, either), the platform configuration and the import format detection. Random text,
// hostile YAML (alias bombs, 50 000-deep nesting, prototype keys, tags) and mutations of the real seed
// documents (lines dropped, duplicated, re-indented, values swapped for hostile ones, structure-aware
// replacements) must always come back as a result: ok, or not ok with readable issues. Never a throw.
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { parseProductYaml } from "@/lib/products/yaml";
import { readImportDocument } from "@/lib/products/contract/read-document";
import { readContract } from "@/lib/products/contract/read-contract";
import { detectFormat } from "@/lib/products/import-product";
import { parseDomainPolicyYaml, parseGlobalPolicyYaml, parsePolicyYaml } from "@/lib/governance/policies/yaml";
import { parseDomainPolicyInput, parseGlobalPolicyInput } from "@/lib/governance/policies/input";
import type { GlobalPolicy } from "@/lib/governance/policies/types";
import { parsePlatformYaml } from "@/lib/platform/platform-yaml";
import { DEFAULT_PLATFORM_YAML } from "@/lib/platform/default-platform";
import { anyString, anyValue, HOSTILE_YAML, NASTY_STRINGS, prototypePolluted, tally } from "./adversarial";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const read = (p: string) => readFileSync(path.join(ROOT, p), "utf8");

const SEEDS = {
  product: read("lib/products/__fixtures__/customer-data-product.yaml"),
  odcs: read("lib/products/__fixtures__/seller-payments.odcs.yaml"),
  global: read("prisma/seed/policies/global.yaml"),
  domain: read("prisma/seed/policies/sales.yaml"),
  platform: DEFAULT_PLATFORM_YAML,
};

const parsedGlobal = parseGlobalPolicyYaml(SEEDS.global);
if (!parsedGlobal.ok) throw new Error("the seed global policy must parse");
const GLOBAL: GlobalPolicy = parsedGlobal.value.spec;

const runs = tally();
afterAll(() => {
  console.log(`[fuzz-documents] ${runs.total()} inputs: ${JSON.stringify(runs.counts)}`);
});

type Outcome = { ok: boolean; errors?: unknown[]; issues?: unknown[] };

/** A parser's answer must be a result; a refusal must say something. */
function wellFormed(result: Outcome): boolean {
  if (result.ok) return true;
  const list = (result.errors ?? result.issues ?? []) as { message?: unknown }[];
  return list.length > 0 && list.every((i) => typeof i.message === "string" && i.message.length > 0);
}

const PARSERS: Record<string, (text: string) => Outcome> = {
  parseProductYaml,
  readImportDocument: (t) => readImportDocument(t, "auto"),
  parseGlobalPolicyYaml,
  parseDomainPolicyYaml: (t) => parseDomainPolicyYaml(t, { global: GLOBAL }),
  parsePolicyYaml: (t) => parsePolicyYaml(t, { global: GLOBAL }),
  parsePlatformYaml,
  parseGlobalPolicyInput: (t) => parseGlobalPolicyInput({ yaml: t }),
  parseDomainPolicyInput: (t) => parseDomainPolicyInput("sales", { yaml: t }, GLOBAL),
  detectFormat: (t) => {
    const f = detectFormat(t);
    if (f !== null && f !== "yaml" && f !== "odcs" && f !== "odps") throw new Error(`detectFormat returned ${String(f)}`);
    return { ok: true };
  },
};

/** The parsers that read each kind of seed document (the random fuzzers cross them all). */
const PARSERS_FOR: Record<keyof typeof SEEDS, string[]> = {
  product: ["parseProductYaml", "detectFormat"],
  odcs: ["readImportDocument", "detectFormat"],
  global: ["parseGlobalPolicyYaml", "parsePolicyYaml", "parseGlobalPolicyInput"],
  domain: ["parseDomainPolicyYaml", "parsePolicyYaml", "parseDomainPolicyInput"],
  platform: ["parsePlatformYaml"],
};

/** Line-level damage to a real document. */
function mutatedText(seed: string): fc.Arbitrary<string> {
  const lines = seed.split("\n");
  const at = fc.nat({ max: Math.max(0, lines.length - 1) });
  const mutation = fc.oneof(
    at.map((i) => (ls: string[]) => ls.filter((_, j) => j !== i)),
    at.map((i) => (ls: string[]) => [...ls.slice(0, i + 1), ls[i], ...ls.slice(i + 1)]),
    fc.tuple(at, fc.integer({ min: -4, max: 4 })).map(
      ([i, d]) =>
        (ls: string[]) =>
          ls.map((l, j) => (j === i ? (d > 0 ? " ".repeat(d) + l : l.slice(-d)) : l)),
    ),
    fc.tuple(at, anyString, fc.boolean()).map(
      ([i, v, quote]) =>
        (ls: string[]) =>
          ls.map((l, j) => (j === i && l.includes(":") ? `${l.slice(0, l.indexOf(":") + 1)} ${quote ? JSON.stringify(v) : v}` : l)),
    ),
    fc.tuple(at, anyString).map(([i, v]) => (ls: string[]) => [...ls.slice(0, i), v, ...ls.slice(i)]),
    at.map((i) => (ls: string[]) => ls.slice(0, i)),
  );
  // A mutation may aim past the end of a document an earlier one shortened: such holes become empty lines.
  return fc.array(mutation, { minLength: 1, maxLength: 4 }).map((ms) => ms.reduce((ls, m) => m(ls).map((l) => l ?? ""), lines).join("\n"));
}

/** Structure-aware damage: a value somewhere in the parsed document replaced by a hostile one. */
function mutatedStructure(seed: string): fc.Arbitrary<string> {
  const base = parseYaml(seed) as unknown;
  const paths: (string | number)[][] = [];
  const walk = (v: unknown, p: (string | number)[]) => {
    paths.push(p);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...p, i]));
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, [...p, k]);
  };
  walk(base, []);
  return fc.tuple(fc.constantFrom(...paths.filter((p) => p.length > 0)), anyValue, fc.boolean()).map(([p, value, asKey]) => {
    const doc = structuredClone(base) as Record<string | number, unknown>;
    let node = doc as Record<string | number, unknown>;
    for (const seg of p.slice(0, -1)) node = node[seg] as Record<string | number, unknown>;
    const last = p[p.length - 1];
    if (asKey && !Array.isArray(node)) {
      // A hostile key next to the real ones (own property, so __proto__ stays a key).
      Object.defineProperty(node, typeof value === "string" ? value : "__proto__", {
        value: "x",
        enumerable: true,
        configurable: true,
        writable: true,
      });
    } else {
      node[last] = value;
    }
    try {
      return stringifyYaml(doc, { aliasDuplicateObjects: false });
    } catch {
      return JSON.stringify(doc) ?? "";
    }
  });
}

const ALL_SEEDS = Object.values(SEEDS);
const anyDocument: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: anyString },
  { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_YAML) },
  { weight: 3, arbitrary: fc.constantFrom(...ALL_SEEDS).chain(mutatedText) },
  { weight: 3, arbitrary: fc.constantFrom(...ALL_SEEDS).chain(mutatedStructure) },
  {
    weight: 1,
    arbitrary: anyValue.map((v) => {
      try {
        return JSON.stringify(v) ?? "null";
      } catch {
        return "null";
      }
    }),
  },
);

describe("document parsers under fuzzing", () => {
  for (const [name, parse] of Object.entries(PARSERS)) {
    it(`${name} answers every hostile document with a result, never a throw`, () => {
      const numRuns = 600;
      fc.assert(
        fc.property(anyDocument, (text) => {
          const result = parse(text);
          expect(wellFormed(result), JSON.stringify(result).slice(0, 300)).toBe(true);
        }),
        { numRuns },
      );
      runs.add(name, numRuns);
    });

    it(`${name} survives each hand-written hostile document`, () => {
      const failures: string[] = [];
      for (const text of [...HOSTILE_YAML, ...NASTY_STRINGS]) {
        try {
          if (!wellFormed(parse(text))) failures.push(`${JSON.stringify(text.slice(0, 40))}: a refusal without a message`);
        } catch (e) {
          failures.push(
            `${JSON.stringify(text.slice(0, 40))}: threw ${e instanceof Error ? `${e.name}: ${e.message.split("\n")[0]}` : String(e)}`,
          );
        }
      }
      expect(failures).toEqual([]);
      runs.add(`${name} (fixed list)`, HOSTILE_YAML.length + NASTY_STRINGS.length);
    });
  }

  it("survives every value of every seed document replaced, one at a time, by each poison value", () => {
    // Exhaustive rather than random: mappings whose toString/valueOf is not a function (String() throws on
    // them), prototype keys, lists where text is expected, non-finite and huge numbers, nulls.
    const POISON: unknown[] = [
      { toString: "" },
      { valueOf: 1, toString: 1 },
      { __proto__: "x" },
      ["a", ["b"]],
      null,
      "",
      1e309,
      -1,
      2 ** 60,
      true,
      "constructor",
      "a".repeat(5000),
    ];
    const failures: string[] = [];
    let count = 0;
    for (const [seedName, seed] of Object.entries(SEEDS)) {
      const base = parseYaml(seed) as unknown;
      const paths: (string | number)[][] = [];
      const walk = (v: unknown, p: (string | number)[]) => {
        if (p.length > 0) paths.push(p);
        if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...p, i]));
        else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, [...p, k]);
      };
      walk(base, []);
      for (const p of paths) {
        for (const poison of POISON) {
          const doc = structuredClone(base) as Record<string | number, unknown>;
          let node = doc;
          for (const seg of p.slice(0, -1)) node = node[seg] as Record<string | number, unknown>;
          node[p[p.length - 1]] = structuredClone(poison);
          const text = stringifyYaml(doc);
          for (const name of PARSERS_FOR[seedName as keyof typeof SEEDS]) {
            const parse = PARSERS[name];
            count++;
            try {
              if (!wellFormed(parse(text)))
                failures.push(`${name} on ${seedName} ${p.join(".")}=${JSON.stringify(poison)}: refusal without a message`);
            } catch (e) {
              failures.push(
                `${name} on ${seedName} ${p.join(".")}=${JSON.stringify(poison)}: threw ${e instanceof Error ? e.message : String(e)}`,
              );
            }
          }
        }
      }
    }
    runs.add("poisoned seed values", count);
    expect(failures.slice(0, 20)).toEqual([]);
  });

  it("the seed documents themselves still parse (the mutations start from valid input)", () => {
    expect(parseProductYaml(SEEDS.product).ok).toBe(true);
    expect(readImportDocument(SEEDS.odcs, "auto").ok).toBe(true);
    expect(parseDomainPolicyYaml(SEEDS.domain, { global: GLOBAL }).ok).toBe(true);
    expect(parsePlatformYaml(SEEDS.platform).ok).toBe(true);
  });

  it("readContract (the import reader of a parsed contract) accepts any parsed object without throwing", () => {
    const numRuns = 1000;
    fc.assert(
      fc.property(anyValue, (v) => {
        expect(wellFormed(readContract((v && typeof v === "object" ? v : { v }) as object))).toBe(true);
      }),
      { numRuns },
    );
    runs.add("readContract(object)", numRuns);
  });

  it("nothing written by a parser reaches Object.prototype", () => {
    expect(prototypePolluted()).toBe(false);
  });
});
