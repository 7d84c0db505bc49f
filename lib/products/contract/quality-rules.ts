// Quality rules a contract may declare, checked when the contract is saved, so the compliance monitor never
// meets a rule it cannot run safely (lib/quality/contract-rules.ts compiles them). Refused with the rule's path:
//   - a `pattern` that is not a regular expression PostgreSQL can run (or is longer than 500 characters);
//   - valid/missing value lists that are not lists of plain values;
//   - an `sql` rule that is not one SELECT: no second statement, no comments, no placeholder other than ${table}
//     ${object} ${column} ${property}, nothing that writes or changes anything. (It is also run in a read-only
//     transaction with a timeout; this check gives the clear message.) A rule naming its table itself, as the
//     official ODCS examples do, is accepted but not measured: the monitor only runs rules over ${table}.
// Values and patterns are never written into SQL (they are bound parameters), so quotes in them are harmless.
import type { OdcsContract, OdcsProperty, OdcsQualityRule } from "./types";

export type QualityRuleProblem = { path: (string | number)[]; message: string };

const MAX_PATTERN = 500;
const WRITES =
  /\b(insert|update|delete|merge|drop|alter|create|truncate|grant|revoke|copy|call|do|set|reset|lock|vacuum|analyze|cluster|reindex|comment|listen|notify|prepare|execute|pg_sleep|pg_read_file|pg_terminate_backend|dblink|lo_import|lo_export|set_config)\b/i;

function patternProblem(pattern: unknown): string | null {
  if (typeof pattern !== "string") return "the pattern must be text (a regular expression)";
  if (pattern.length > MAX_PATTERN) return `the pattern is longer than ${MAX_PATTERN} characters`;
  // PostgreSQL's regular expressions have no lookbehind and no named groups; JavaScript's parser catches the rest.
  if (/\(\?<[=!]/.test(pattern)) return "lookbehind (?<= …) is not supported by PostgreSQL regular expressions";
  if (/\(\?<[A-Za-z]/.test(pattern)) return "named groups (?<name> …) are not supported by PostgreSQL regular expressions";
  try {
    new RegExp(pattern);
  } catch (e) {
    return `the pattern is not a valid regular expression (${(e as Error).message.replace(/^Invalid regular expression: /, "")})`;
  }
  return null;
}

function sqlProblem(query: unknown): string | null {
  if (typeof query !== "string" || query.trim() === "") return "an sql rule needs a query";
  const q = query.trim();
  if (!/^select\b/i.test(q)) return "an sql rule must be a single SELECT returning one number";
  if (q.includes(";")) return "an sql rule must be one statement (no ;)";
  if (q.includes("--") || q.includes("/*")) return "an sql rule may not contain comments";
  const placeholders = [...q.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]);
  const unknown = placeholders.find((p) => !["table", "object", "column", "property"].includes(p));
  if (unknown !== undefined) return `\${${unknown}} is not a placeholder; use \${table} and \${column}`;
  if (/\$\d/.test(q)) return "an sql rule may not use $n parameters";
  const write = q.match(WRITES);
  if (write) return `an sql rule may only read: "${write[0]}" is not allowed`;
  return null;
}

const plainList = (v: unknown) => Array.isArray(v) && v.every((x) => x === null || ["string", "number", "boolean"].includes(typeof x));

export function ruleProblem(rule: OdcsQualityRule): { key: string; message: string } | null {
  if (rule.type === "sql") {
    const m = sqlProblem(rule.query);
    return m ? { key: "query", message: m } : null;
  }
  const args = rule.arguments as Record<string, unknown> | undefined;
  if (!args) return null;
  if ("pattern" in args) {
    const m = patternProblem(args.pattern);
    if (m) return { key: "arguments", message: m };
  }
  for (const key of ["validValues", "missingValues"] as const)
    if (key in args && !plainList(args[key])) return { key: "arguments", message: `${key} must be a list of plain values` };
  return null;
}

/** Every quality rule of the contract that cannot be run safely, with its path in the document. */
export function qualityRuleProblems(contract: OdcsContract): QualityRuleProblem[] {
  const problems: QualityRuleProblem[] = [];
  const visitRules = (rules: OdcsQualityRule[] | undefined, at: (string | number)[]) =>
    (rules ?? []).forEach((rule, i) => {
      const p = ruleProblem(rule);
      if (p) problems.push({ path: [...at, "quality", i, p.key], message: p.message });
    });
  const visitProperties = (properties: OdcsProperty[] | undefined, at: (string | number)[]) =>
    (properties ?? []).forEach((property, i) => {
      visitRules(property.quality, [...at, "properties", i]);
      visitProperties(property.properties, [...at, "properties", i]);
    });
  if (Array.isArray(contract.quality)) visitRules(contract.quality as OdcsQualityRule[], []);
  (contract.schema ?? []).forEach((dataset, i) => {
    visitRules(dataset.quality, ["schema", i]);
    visitProperties(dataset.properties, ["schema", i]);
  });
  return problems;
}
