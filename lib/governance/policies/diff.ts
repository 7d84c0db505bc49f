// What changed between two policy documents (global or domain), as a flat list of path/before/after
// rows for history pages and conflict messages. Pure: no database, no React.
//
// Lists of rules are matched by their identity (level, role, metric, regulation) rather than their
// position, so reordering is not a change and inserting a role does not shift every row after it.
// Lists of plain values (permissions, data_access, locked) are sets: order does not matter.

export type PolicyChangeKind = "added" | "removed" | "changed";

export type PolicyChange = {
  /** "quality_requirements.freshness", "access_control[data_consumer].data_access" */
  path: string;
  kind: PolicyChangeKind;
  before: unknown; // undefined when added
  after: unknown; // undefined when removed
};

/** Identity field of each kind of rule list; the first one an item has wins. */
const IDENTITY_KEYS = ["level", "role", "metric", "regulation"] as const;

type Obj = Record<string, unknown>;

/**
 * Stored policies are jsonb, which reorders keys, so changes are listed in the policy's own order
 * (as the YAML and the editor show it) rather than in whatever order the keys arrive.
 */
const KEY_ORDER = [
  "domain",
  "data_classification",
  "access_control",
  "data_quality",
  "compliance",
  "data_retention",
  "access_model",
  "quality_requirements",
  "overrides",
  "locked",
  "domain_overrides_allowed",
  "level",
  "role",
  "metric",
  "regulation",
  "description",
  "encryption",
  "retention",
  "permissions",
  "data_access",
  "grants",
  "approval",
  "max_duration",
  "threshold",
  "enforcement",
  "requirements",
  "completeness",
  "accuracy",
  "consistency",
  "validity",
  "uniqueness",
  "timeliness",
  "freshness",
  "availability",
];
const rank = (key: string) => {
  const i = KEY_ORDER.indexOf(key);
  return i === -1 ? KEY_ORDER.length : i;
};
const byKeyOrder = (x: string, y: string) => rank(x) - rank(y) || x.localeCompare(y);

const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

export function diffPolicies(a: unknown, b: unknown): PolicyChange[] {
  const out: PolicyChange[] = [];
  walk(a, b, "", out);
  return out;
}

function walk(a: unknown, b: unknown, path: string, out: PolicyChange[]): void {
  if (a === undefined && b === undefined) return;
  if (a === undefined) return void out.push({ path, kind: "added", before: undefined, after: b });
  if (b === undefined) return void out.push({ path, kind: "removed", before: a, after: undefined });
  if (isObj(a) && isObj(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(byKeyOrder);
    for (const key of keys) walk(a[key], b[key], path ? `${path}.${key}` : key, out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const idKey = identityKey(a, b);
    if (idKey) return walkKeyed(a as Obj[], b as Obj[], idKey, path, out);
    if (a.every(isPrimitive) && b.every(isPrimitive)) {
      if (!sameSet(a, b)) out.push({ path, kind: "changed", before: a, after: b });
      return;
    }
    if (!deepEqual(a, b)) out.push({ path, kind: "changed", before: a, after: b });
    return;
  }
  if (!deepEqual(a, b)) out.push({ path, kind: "changed", before: a, after: b });
}

function walkKeyed(a: Obj[], b: Obj[], idKey: string, path: string, out: PolicyChange[]): void {
  const byId = (items: Obj[]) => new Map(items.map((item) => [String(item[idKey]), item]));
  const before = byId(a);
  const after = byId(b);
  const ids = [...before.keys(), ...[...after.keys()].filter((id) => !before.has(id))];
  for (const id of ids) walk(before.get(id), after.get(id), `${path}[${id}]`, out);
}

/** The identity key shared by every item of both lists, when each value of it is unique per list. */
function identityKey(a: unknown[], b: unknown[]): string | null {
  const items = [...a, ...b];
  if (items.length === 0 || !items.every(isObj)) return null;
  for (const key of IDENTITY_KEYS) {
    const objs = items as Obj[];
    if (!objs.every((item) => typeof item[key] === "string")) continue;
    const unique = (list: unknown[]) => new Set(list.map((item) => (item as Obj)[key])).size === list.length;
    if (unique(a) && unique(b)) return key;
  }
  return null;
}

function isPrimitive(v: unknown): boolean {
  return v === null || (typeof v !== "object" && typeof v !== "function");
}

function sameSet(a: unknown[], b: unknown[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((v) => sb.has(v));
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

/** A short, human rendering of a policy value for tables: `["read","write"]` → "read, write". */
export function formatPolicyValue(value: unknown): string {
  if (value === undefined) return "—";
  if (value === null) return "null";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) {
    if (value.every(isPrimitive)) return value.length === 0 ? "(none)" : value.map(String).join(", ");
    return value.map((v) => formatPolicyValue(v)).join("; ");
  }
  if (isObj(value)) {
    return Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}: ${isObj(v) || Array.isArray(v) ? `{${formatPolicyValue(v)}}` : formatPolicyValue(v)}`)
      .join(", ");
  }
  return String(value);
}

/**
 * A value as display lines: one line per rule for rule lists ("confidential: encryption required,
 * retention 3_years"), otherwise the single formatted value.
 */
export function policyValueLines(value: unknown): string[] {
  if (!Array.isArray(value) || !value.every(isObj) || value.length === 0) return [formatPolicyValue(value)];
  return value.map((item) => {
    const obj = item as Obj;
    const idKey = IDENTITY_KEYS.find((k) => typeof obj[k] === "string");
    const rest = Object.entries(obj)
      .filter(([k, v]) => k !== idKey && v !== undefined)
      .sort(([a], [b]) => byKeyOrder(a, b));
    const body = rest.map(([k, v]) => `${k.replace(/_/g, " ")} ${formatPolicyValue(v)}`).join("; ");
    return idKey ? `${String(obj[idKey])}: ${body}` : body;
  });
}
