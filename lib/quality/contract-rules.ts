// A declared contract's quality rules as SQL over the product's provisioned tables: the ODCS library metrics
// nullValues, missingValues, invalidValues, duplicateValues and rowCount, and `sql` rules with ${table}/${object}
// and ${column}/${property} placeholders. Pure: the compliance monitor runs them
// (lib/governance/compliance/monitor/quality.db.ts).
//
// Each dataset (schema object) is compiled on its own, against its own table: the rules declared on
// `schema[i]` and on its properties run on dataset i's table, and there ${table}/${object} is that table.
// ODCS v3 has no quality rules above the schema objects, so every rule belongs to exactly one dataset.
//
// Library metrics are aggregate expressions over one table, so every library rule of a product is measured in
// ONE scan (qualityQuery) — the cost of one hand-written aggregate, not one query per rule. User text (a
// pattern, valid or missing values) never enters the SQL: it is a bound parameter; identifiers are the
// declared properties' columns, quoted. `sql` rules are the contract author's own SELECT (checked at save by
// lib/products/contract/quality-rules.ts) and run one by one in a read-only transaction.
import type { OdcsContract, OdcsQualityRule } from "@/lib/products";
import { qualified, quoteIdent } from "@/lib/provisioning";

export type ContractCheck = {
  path: string;
  /** The dataset's key (lib/provisioning/datasets.ts) when the caller named it. */
  dataset?: string;
  metric: string;
  /** A library rule: one aggregate expression over the table ($n parameters index `params` of qualityQuery). */
  aggregate?: string;
  /** An `sql` rule: a whole SELECT returning one number. */
  sql?: string;
  /** The rule's expectation as an operator and operand(s); null when the rule states none. */
  expect: { op: string; value: number | [number, number] } | null;
};

export type ContractChecks = { from: string; checks: ContractCheck[]; params: unknown[] };

const OPERATORS = [
  "mustBe",
  "mustNotBe",
  "mustBeGreaterThan",
  "mustBeGreaterOrEqualTo",
  "mustBeLessThan",
  "mustBeLessOrEqualTo",
  "mustBeBetween",
  "mustNotBeBetween",
] as const;

function expectation(rule: OdcsQualityRule): ContractCheck["expect"] {
  for (const op of OPERATORS) {
    const value = rule[op];
    if (typeof value === "number") return { op, value };
    if (Array.isArray(value) && value.length === 2 && value.every((n) => typeof n === "number")) return { op, value: [value[0], value[1]] };
  }
  return null;
}

/** True when `measured` meets the rule's expectation. */
export function meets(measured: number, expect: ContractCheck["expect"]): boolean {
  if (!expect) return true;
  const v = expect.value;
  const [lo, hi] = Array.isArray(v) ? v : [v, v];
  switch (expect.op) {
    case "mustBe":
      return measured === lo;
    case "mustNotBe":
      return measured !== lo;
    case "mustBeGreaterThan":
      return measured > lo;
    case "mustBeGreaterOrEqualTo":
      return measured >= lo;
    case "mustBeLessThan":
      return measured < lo;
    case "mustBeLessOrEqualTo":
      return measured <= lo;
    case "mustBeBetween":
      return measured >= lo && measured <= hi;
    default:
      return measured < lo || measured > hi;
  }
}

/** The library metrics this module measures. */
export const LIBRARY_METRICS = ["rowCount", "nullValues", "missingValues", "invalidValues", "duplicateValues"] as const;

function metricAggregate(
  rule: OdcsQualityRule,
  column: string | null,
  param: (value: unknown) => string,
  columnOf: (property: string) => string | null,
): string | null {
  const metric = rule.metric ?? rule.rule;
  const args = (rule.arguments ?? {}) as Record<string, unknown>;
  const percent = rule.unit === "percent";
  const count = (where: string) =>
    percent ? `100.0 * count(*) FILTER (WHERE ${where}) / NULLIF(count(*), 0)` : `count(*) FILTER (WHERE ${where})`;
  if (metric === "rowCount") return "count(*)";
  if (metric === "duplicateValues") {
    const named = Array.isArray(args.properties) ? args.properties.map((p) => columnOf(String(p))) : [];
    if (named.some((c) => c === null)) return null;
    const cols = column ? [column] : (named as string[]).map(quoteIdent);
    if (cols.length === 0) return null;
    const key = cols.length === 1 ? cols[0] : `(${cols.join(", ")})`;
    return percent ? `100.0 * (count(*) - count(DISTINCT ${key})) / NULLIF(count(*), 0)` : `count(*) - count(DISTINCT ${key})`;
  }
  if (!column) return null;
  if (metric === "nullValues") return count(`${column} IS NULL`);
  if (metric === "missingValues") {
    const missing = Array.isArray(args.missingValues) ? args.missingValues.filter((v) => v !== null).map(String) : [];
    return count(missing.length > 0 ? `${column} IS NULL OR ${column}::text = ANY(${param(missing)}::text[])` : `${column} IS NULL`);
  }
  if (metric === "invalidValues") {
    if (Array.isArray(args.validValues))
      return count(`${column} IS NOT NULL AND NOT (${column}::text = ANY(${param(args.validValues.map(String))}::text[]))`);
    if (typeof args.pattern === "string") return count(`${column} IS NOT NULL AND ${column}::text !~ ${param(args.pattern)}::text`);
    return null;
  }
  return null;
}

/**
 * The checks of one dataset (`schema[dataset.index]`, the first by default) and of its top-level properties,
 * over that dataset's `table`; `columnOf` maps a property name to its column. Nested properties and rules this
 * module cannot measure (text, custom, unknown metrics) are skipped.
 */
export function contractChecks(
  contract: OdcsContract,
  schema: string,
  table: string,
  columnOf: (property: string) => string | null,
  dataset: { index: number; key?: string } = { index: 0 },
): ContractChecks {
  const from = qualified(schema, table);
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const object = contract.schema?.[dataset.index];
  if (!object) return { from, checks: [], params };
  const checks: ContractCheck[] = [];
  const add = (rule: OdcsQualityRule, path: string, column: string | null) => {
    const base = {
      path,
      ...(dataset.key !== undefined ? { dataset: dataset.key } : {}),
      metric: rule.metric ?? rule.rule ?? rule.type ?? "sql",
      expect: expectation(rule),
    };
    if (rule.type === "sql" && typeof rule.query === "string") {
      // Only rules over their own table run: a query naming a table itself may read anything.
      if (!/\$\{(table|object)\}/.test(rule.query)) return;
      checks.push({
        ...base,
        sql: rule.query.replace(/\$\{(table|object)\}/g, from).replace(/\$\{(column|property)\}/g, column ?? "NULL"),
      });
    } else if (rule.type === undefined || rule.type === "library") {
      const aggregate = metricAggregate(rule, column, param, columnOf);
      if (aggregate) checks.push({ ...base, aggregate });
    }
  };
  const at = `schema[${dataset.index}]`;
  (object.quality ?? []).forEach((rule, i) => add(rule, `${at}.quality[${i}]`, null));
  (object.properties ?? []).forEach((property, p) => {
    const column = columnOf(property.name);
    if (!column) return;
    (property.quality ?? []).forEach((rule, i) => add(rule, `${at}.properties[${p}].quality[${i}]`, quoteIdent(column)));
  });
  return { from, checks, params };
}

/**
 * One SELECT measuring every library check (as c0, c1 … in the order of `checks` that have an aggregate) and
 * any `extra` aggregate expressions (named by their keys) in a single scan of the table.
 */
export function qualityQuery(compiled: ContractChecks, extra: string[] = []): { sql: string; params: unknown[] } {
  const parts = [...extra];
  compiled.checks.forEach((c, i) => {
    if (c.aggregate) parts.push(`(${c.aggregate})::float8 AS c${i}`);
  });
  if (parts.length === 0) parts.push("count(*)::bigint AS rows");
  return { sql: `SELECT ${parts.join(", ")} FROM ${compiled.from}`, params: compiled.params };
}
