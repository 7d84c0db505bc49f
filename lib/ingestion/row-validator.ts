// Checks incoming rows against a product's fields and turns each good row into one line of
// PostgreSQL's COPY text format. Pure and allocation-light, because it runs once per row of loads of
// millions of rows. A row either becomes a line or yields reasons; the caller decides (all-or-nothing).
import type { FieldType, ProductField } from "@/lib/products";

export type Source = "csv" | "json";
export type RowError = { row: number; reason: string };

/** A converter returns the COPY text of a value, NULL_VALUE for a null, or an Invalid with a reason. */
export class Invalid {
  constructor(readonly reason: string) {}
}
export const NULL_VALUE = "\\N";
type Convert = (raw: unknown) => string | Invalid;

const INTEGER = /^[+-]?\d{1,19}$/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(:(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)?$/i;
const INT64_MAX = BigInt("9223372036854775807");
const INT64_MIN = BigInt("-9223372036854775808");
const TRUE = new Set(["true", "t", "yes", "y", "1"]);
const FALSE = new Set(["false", "f", "no", "n", "0"]);

/** Escapes text for COPY's text format: backslash, tab, newline and carriage return. */
export function copyEscape(text: string): string {
  if (!/[\\\t\n\r]/.test(text)) return text;
  return text.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function validCalendarDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = m === 2 && ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0);
  return d <= DAYS[m - 1] + (leap ? 1 : 0);
}

function integer(raw: unknown): string | Invalid {
  if (typeof raw === "number") return Number.isSafeInteger(raw) ? String(raw) : new Invalid(`${raw} is not a whole number`);
  const s = String(raw).trim();
  if (!INTEGER.test(s)) return new Invalid(`"${clip(s)}" is not a whole number`);
  if (s.length >= 19) {
    const n = BigInt(s);
    if (n > INT64_MAX || n < INT64_MIN) return new Invalid(`${clip(s)} is outside the 64-bit integer range`);
  }
  return s;
}

function number(raw: unknown): string | Invalid {
  if (typeof raw === "number") return Number.isFinite(raw) ? String(raw) : new Invalid(`${raw} is not a finite number`);
  const s = String(raw).trim();
  if (!NUMBER.test(s) || !Number.isFinite(Number(s))) return new Invalid(`"${clip(s)}" is not a number`);
  return s;
}

function boolean(raw: unknown): string | Invalid {
  if (typeof raw === "boolean") return raw ? "t" : "f";
  const s = String(raw).trim().toLowerCase();
  if (TRUE.has(s)) return "t";
  if (FALSE.has(s)) return "f";
  return new Invalid(`"${clip(String(raw))}" is not true or false`);
}

function date(raw: unknown): string | Invalid {
  const s = String(raw).trim();
  const m = DATE.exec(s);
  if (!m || !validCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) return new Invalid(`"${clip(s)}" is not a date (YYYY-MM-DD)`);
  return s;
}

function timestamp(raw: unknown): string | Invalid {
  const s = String(raw).trim();
  const m = TIMESTAMP.exec(s);
  if (
    !m ||
    !validCalendarDate(Number(m[1]), Number(m[2]), Number(m[3])) ||
    Number(m[4]) > 23 ||
    Number(m[5]) > 59 ||
    Number(m[7] ?? 0) > 59
  ) {
    return new Invalid(`"${clip(s)}" is not an ISO 8601 timestamp`);
  }
  return s;
}

function text(source: Source): Convert {
  return source === "csv"
    ? (raw) => copyEscape(raw as string)
    : (raw) => (typeof raw === "string" ? copyEscape(raw) : new Invalid(`expected text, got ${typeof raw}`));
}

/** Deepest nesting a json field may have: JSON.stringify recurses, so a value 5,000 levels deep overflows the stack. */
export const MAX_JSON_DEPTH = 64;

/** Whether a parsed JSON value nests deeper than `max` arrays/objects; iterative, so any depth is safe to measure. */
function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    if (depth + 1 > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v))
      if (child !== null && typeof child === "object") stack.push([child, depth + 1]);
  }
  return false;
}

const tooDeep = () => new Invalid(`nests deeper than ${MAX_JSON_DEPTH} levels of arrays/objects`);

function json(source: Source): Convert {
  return (raw) => {
    if (source === "json") return nestsDeeperThan(raw, MAX_JSON_DEPTH) ? tooDeep() : copyEscape(JSON.stringify(raw));
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw as string);
    } catch {
      return new Invalid(`"${clip(String(raw))}" is not valid JSON`);
    }
    return nestsDeeperThan(parsed, MAX_JSON_DEPTH) ? tooDeep() : copyEscape(JSON.stringify(parsed));
  };
}

const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

function converter(type: FieldType, source: Source): Convert {
  switch (type) {
    case "string":
      return text(source);
    case "integer":
      return integer;
    case "number":
      return number;
    case "boolean":
      return boolean;
    case "date":
      return date;
    case "timestamp":
      return timestamp;
    case "json":
      return json(source);
  }
}

export type RowValidator = {
  /** The product's columns in COPY order. */
  columns: string[];
  /**
   * Converts one row given as values in `columns` order (missing = undefined). Returns the COPY line
   * (with its trailing newline) or the reasons it was rejected.
   */
  toCopyLine(values: readonly unknown[]): string | string[];
};

export function makeRowValidator(fields: readonly ProductField[], source: Source, primaryKey: readonly string[] = []): RowValidator {
  const converters = fields.map((f) => converter(f.type, source));
  const pkIndexes = primaryKey.map((k) => fields.findIndex((f) => f.name === k)).filter((i) => i >= 0);
  const isKey = fields.map((_, i) => pkIndexes.includes(i));
  const seenKeys = new Set<string>();
  const n = fields.length;
  return {
    columns: fields.map((f) => f.name),
    toCopyLine(values) {
      let line = "";
      let reasons: string[] | null = null;
      let key = "";
      for (let i = 0; i < n; i++) {
        const raw = values[i];
        let out: string | Invalid;
        if (raw === undefined || raw === null || raw === "") {
          out = fields[i].required ? new Invalid(`missing required field ${fields[i].name}`) : NULL_VALUE;
        } else {
          out = converters[i](raw);
          if (out instanceof Invalid) out = new Invalid(`${fields[i].name}: ${out.reason}`);
        }
        if (out instanceof Invalid) {
          (reasons ??= []).push(out.reason);
          continue;
        }
        if (isKey[i]) key = key === "" ? out : `${key}\t${out}`;
        line = i === 0 ? out : `${line}\t${out}`;
      }
      if (reasons) return reasons;
      if (pkIndexes.length > 0) {
        if (seenKeys.has(key)) return [`duplicate primary key ${primaryKey.join(", ")} = ${clip(key)} in this load`];
        seenKeys.add(key);
      }
      return `${line}\n`;
    },
  };
}

/** Checks a CSV header against the fields: every column known, none twice, every required field present. */
export function checkHeader(header: readonly string[], fields: readonly ProductField[]): { indexes: number[]; errors: string[] } {
  const errors: string[] = [];
  const names = header.map((h) => h.trim());
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) errors.push(`column ${name} appears twice`);
    seen.add(name);
    if (!fields.some((f) => f.name === name))
      errors.push(`unknown column ${name || "(empty)"}; the product's fields are ${fields.map((f) => f.name).join(", ")}`);
  }
  for (const f of fields) if (f.required && !seen.has(f.name)) errors.push(`missing column for required field ${f.name}`);
  return { indexes: fields.map((f) => names.indexOf(f.name)), errors };
}
