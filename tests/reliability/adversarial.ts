// Hostile input for the fuzzers: strings that break parsers, databases and naive code (control
// characters, lone surrogates, bidi overrides, SQL and HTML fragments, prototype keys, huge numbers),
// nested structures, and YAML built to hurt (alias bombs, deep nesting, duplicate keys, tags).
import fc from "fast-check";

export const NASTY_STRINGS = [
  "",
  " ",
  "\t",
  "\r\n",
  "\u0000",
  "a\u0000b",
  "\u0007\u001b[31m",
  "\uFEFF",
  "\u200B",
  "\u202Eevil",
  "\uD800",
  "\uDFFF",
  "x\uD83D",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "valueOf",
  "__defineGetter__",
  "'",
  "''",
  '"',
  "`",
  "\\",
  "%",
  "_",
  "%_%",
  "\\%",
  "' OR '1'='1",
  "'; DROP TABLE data_products; --",
  "1; SELECT pg_sleep(0)--",
  "$1",
  "$$",
  "E'\\x00'",
  ":*",
  "!",
  "&",
  "|",
  "<->",
  "a & b | !c",
  "(((",
  ")))",
  "<script>window.__pwned=1</script>",
  "<img src=x onerror=alert(1)>",
  "javascript:alert(1)",
  "{{7*7}}",
  "${7*7}",
  "#{7*7}",
  "../../etc/passwd",
  "C:\\Windows",
  "null",
  "undefined",
  "NaN",
  "Infinity",
  "-Infinity",
  "-0",
  "1e309",
  "-1e309",
  "0x1F",
  "9".repeat(400),
  "1".repeat(20),
  "-9007199254740993",
  "4.9e-324",
  "1.7976931348623157e308",
  "０１２",
  "٣",
  "Ⅻ",
  "ünïcødé ✓ 🚀",
  "👨‍👩‍👧‍👦",
  "🏳️‍🌈".repeat(50),
  "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇",
  "ﷺ",
  "𝕳𝖊𝖑𝖑𝖔",
  "ß",
  "İ",
  "ǅ",
  "a".repeat(1001),
  "a".repeat(70_000),
  "yes",
  "no",
  "on",
  "off",
  "~",
  "- item",
  "key: value",
  "{a: 1}",
  "[1, 2]",
  "&anchor",
  "*alias",
  "!!python/object:os.system",
];

const nasty = fc.constantFrom(...NASTY_STRINGS);

/** Any string, leaning hard on the hostile ones. */
export const anyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: nasty },
  { weight: 2, arbitrary: fc.string({ maxLength: 80 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 80 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.array(nasty, { maxLength: 4 }).map((parts) => parts.join("")) },
);

export const anyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(
    0,
    -0,
    1,
    -1,
    0.5,
    1e21,
    -1e21,
    Number.MAX_SAFE_INTEGER + 2,
    Number.MIN_SAFE_INTEGER - 2,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    Number.NaN,
    Infinity,
    -Infinity,
    2 ** 31,
    -(2 ** 31) - 1,
  ),
  fc.double(),
  fc.integer(),
);

const key = fc.oneof(fc.constantFrom("__proto__", "constructor", "prototype", "toString"), fc.string({ maxLength: 12 }), nasty);

/** JSON-like values with prototype-pollution keys, odd numbers and some depth. */
export const anyValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    anyString,
    anyNumber,
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.bigInt(),
    fc.date({ noInvalidDate: false }),
    fc.array(tie("value"), { maxLength: 5 }),
    fc.dictionary(key, tie("value"), { maxKeys: 5 }),
  ),
})).value;

/** Nested arrays/objects `depth` levels deep (parsers that recurse per level fall over on these). */
export function deeplyNested(depth: number, kind: "array" | "object" = "array"): unknown {
  let v: unknown = "leaf";
  for (let i = 0; i < depth; i++) v = kind === "array" ? [v] : { a: v };
  return v;
}

/** The classic "billion laughs": each level repeats the previous one's alias ten times. */
export function yamlAliasBomb(levels = 9): string {
  const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < levels; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(",")}]`);
  return `${lines.join("\n")}\n`;
}

export const HOSTILE_YAML = [
  yamlAliasBomb(),
  `apiVersion: v1\nkind: DataProduct\n${yamlAliasBomb()}`,
  `${"[".repeat(50_000)}${"]".repeat(50_000)}`,
  `${"- ".repeat(20_000)}x`,
  `${Array.from({ length: 5_000 }, (_, i) => `${"  ".repeat(i)}a:`).join("\n")} x`,
  `${"{a: ".repeat(20_000)}1${"}".repeat(20_000)}`,
  "a: 1\na: 2\n",
  "--- a\n--- b\n",
  "!!js/function 'function(){}'",
  "key: !!binary AAAA",
  "key: !unknown-tag x",
  "__proto__: {polluted: true}\nconstructor: {prototype: {polluted: true}}\n",
  "apiVersion: v1\nkind: DataProduct\nmetadata: {name: x, namespace: y, __proto__: {polluted: true}}\nspec: {__proto__: {owner: a@b.co}}\n",
  "a: &x\n  b: *x\n",
  "<<: *undefined_alias\n",
  "\t- tab\n",
  "\u0000",
  "\uFEFF\uFEFFapiVersion: v1",
  "apiVersion: 9".repeat(1000),
  `x: ${"9".repeat(5000)}`,
  "x: 1e999999",
  "x: .nan\ny: -.inf",
  "? [a, b]\n: c\n",
  "%YAML 9.9\n---\na: 1",
  "%TAG ! tag:evil.example,2000:\n---\n!x a",
  "apiVersion: v3.1.0\nkind: DataContract\nslaProperties:\n  - {property: constructor, value: 1, unit: d}\n  - {property: __proto__, value: 2}\n  - {property: latency, value: 1, unit: toString}\nroles:\n  - {role: x, access: constructor}\n",
];

export function tally() {
  const counts: Record<string, number> = {};
  return {
    add(name: string, n: number) {
      counts[name] = (counts[name] ?? 0) + n;
    },
    total: () => Object.values(counts).reduce((a, b) => a + b, 0),
    counts,
  };
}

/** True when some fuzzed input managed to write onto Object.prototype. */
export function prototypePolluted(): boolean {
  const probe = {} as Record<string, unknown>;
  return "polluted" in probe || Object.keys(Object.prototype).length > 0;
}
