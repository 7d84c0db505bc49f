// A declared contract's quality rules as SQL over the product's provisioned table (the first dataset): the ODCS
// library metrics nullValues, missingValues, invalidValues, duplicateValues and rowCount, and `sql` rules with
// ${table}/${object} and ${column}/${property} placeholders. Each check is one SELECT returning one number,
// compared with the rule's mustBe… operator. Pure: running them is the quality run's job (not wired yet).
import type { OdcsContract, OdcsQualityRule } from "@/lib/products";
import { qualified, quoteIdent } from "@/lib/provisioning";

export type ContractCheck = {
  path: string;
  metric: string;
  sql: string;
  /** The rule's expectation as an operator and operand(s); null when the rule states none. */
  expect: { op: string; value: number | [number, number] } | null;
};

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

const literal = (v: unknown) => `'${String(v).replace(/'/g, "''")}'`;

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

function metricSql(rule: OdcsQualityRule, from: string, column: string | null): string | null {
  const metric = rule.metric ?? rule.rule;
  const args = (rule.arguments ?? {}) as Record<string, unknown>;
  const percent = rule.unit === "percent";
  const count = (where: string) =>
    percent
      ? `SELECT 100.0 * count(*) FILTER (WHERE ${where}) / NULLIF(count(*), 0) FROM ${from}`
      : `SELECT count(*) FILTER (WHERE ${where}) FROM ${from}`;
  if (metric === "rowCount") return `SELECT count(*) FROM ${from}`;
  if (metric === "duplicateValues") {
    const cols = column ? [column] : Array.isArray(args.properties) ? args.properties.map(String).map(quoteIdent) : [];
    if (cols.length === 0) return null;
    const key = cols.length === 1 ? cols[0] : `(${cols.join(", ")})`;
    return percent
      ? `SELECT 100.0 * (count(*) - count(DISTINCT ${key})) / NULLIF(count(*), 0) FROM ${from}`
      : `SELECT count(*) - count(DISTINCT ${key}) FROM ${from}`;
  }
  if (!column) return null;
  if (metric === "nullValues") return count(`${column} IS NULL`);
  if (metric === "missingValues") {
    const missing = Array.isArray(args.missingValues) ? args.missingValues.filter((v) => v !== null) : [];
    return count(missing.length > 0 ? `${column} IS NULL OR ${column}::text IN (${missing.map(literal).join(", ")})` : `${column} IS NULL`);
  }
  if (metric === "invalidValues") {
    if (Array.isArray(args.validValues))
      return count(`${column} IS NOT NULL AND ${column}::text NOT IN (${args.validValues.map(literal).join(", ") || "NULL"})`);
    if (typeof args.pattern === "string") return count(`${column} IS NOT NULL AND ${column}::text !~ ${literal(args.pattern)}`);
    return null;
  }
  return null;
}

/**
 * The checks of the first dataset (the provisioned table) and of its top-level properties; `columnOf` maps a
 * property name to its column (the spec's field name). Rules of other datasets and nested properties have no
 * table yet and are skipped.
 */
export function contractChecks(
  contract: OdcsContract,
  schema: string,
  table: string,
  columnOf: (property: string) => string | null,
): ContractCheck[] {
  const dataset = contract.schema?.[0];
  if (!dataset) return [];
  const from = qualified(schema, table);
  const checks: ContractCheck[] = [];
  const add = (rule: OdcsQualityRule, path: string, column: string | null) => {
    let sql: string | null = null;
    if (rule.type === "sql" && typeof rule.query === "string") {
      sql = rule.query.replace(/\$\{(table|object)\}/g, from).replace(/\$\{(column|property)\}/g, column ?? "NULL");
    } else if (rule.type === undefined || rule.type === "library") sql = metricSql(rule, from, column);
    if (sql) checks.push({ path, metric: rule.metric ?? rule.rule ?? rule.type ?? "sql", sql, expect: expectation(rule) });
  };
  (dataset.quality ?? []).forEach((rule, i) => add(rule, `schema[0].quality[${i}]`, null));
  (dataset.properties ?? []).forEach((property, p) => {
    const column = columnOf(property.name);
    if (!column) return;
    (property.quality ?? []).forEach((rule, i) => add(rule, `schema[0].properties[${p}].quality[${i}]`, quoteIdent(column)));
  });
  return checks;
}
