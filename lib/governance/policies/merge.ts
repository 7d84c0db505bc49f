// Effective policy = global policy with one domain's policy applied, following the seed's
// DomainGovernance.get_effective_policies:
//   for key, value in domain.items():
//       if both are dicts: effective[key].update(value)   # one level deep
//       else:              effective[key] = value          # lists and scalars are replaced whole
// except that locked paths keep the global value (see GlobalPolicy in ./types for `locked` and
// `domain_overrides_allowed`). Unlike the seed, nothing is mutated: the seed's `update` writes into
// the shared global dict, so one domain's values leaked into every later domain's result.
import {
  MAP_POLICY_KEYS,
  POLICY_KEYS,
  QUALITY_REQUIREMENT_KEYS,
  type DomainPolicy,
  type EffectivePolicy,
  type GlobalPolicy,
  type PolicyKey,
  type PolicySource,
  type PolicyValues,
  type ProvenanceEntry,
} from "./types";

export type MergeResult = { policy: EffectivePolicy; provenance: ProvenanceEntry[] };

export type OverrideViolation = {
  path: string;
  domainValue: unknown;
  globalValue: unknown;
  reason: "locked" | "overrides_disabled";
  message: string;
};

export type OverridePermission = { allowed: true } | { allowed: false; reason: "locked" | "overrides_disabled" };

const MAP_KEYS: readonly PolicyKey[] = MAP_POLICY_KEYS;

/** True when `path` or one of its parents ("quality_requirements" for "quality_requirements.accuracy") is locked. */
export function isLocked(global: GlobalPolicy, path: string): boolean {
  return global.locked.some((locked) => path === locked || path.startsWith(`${locked}.`));
}

/**
 * Whether a domain may set `path` (a policy key or "<map key>.<entry>"). An editing UI uses this to
 * decide which fields a domain admin can change; the merge applies the same rule.
 */
export function canDomainOverride(global: GlobalPolicy, path: string): OverridePermission {
  if (isLocked(global, path)) return { allowed: false, reason: "locked" };
  if (!global.domain_overrides_allowed && valueAt(globalValues(global), path) !== undefined) {
    return { allowed: false, reason: "overrides_disabled" };
  }
  return { allowed: true };
}

export function effectivePolicy(global: GlobalPolicy, domain?: DomainPolicy | null): MergeResult {
  const g = globalValues(global);
  const d = domain ? domainValues(domain) : {};
  const values: Partial<Record<PolicyKey, unknown>> = {};
  const sources: Record<string, PolicySource> = {};
  const provenance: ProvenanceEntry[] = [];

  const resolve = (path: string, globalValue: unknown, domainValue: unknown): unknown => {
    const entry = resolveEntry(global, path, globalValue, domainValue);
    if (globalValue !== undefined || domainValue !== undefined) {
      provenance.push(entry);
      sources[path] = entry.source;
    }
    return entry.value;
  };

  for (const key of POLICY_KEYS) {
    if (MAP_KEYS.includes(key)) {
      const gMap = g[key] as Record<string, unknown> | undefined;
      const dMap = d[key] as Record<string, unknown> | undefined;
      if (gMap === undefined && dMap === undefined) continue;
      const merged: Record<string, unknown> = {};
      for (const entry of QUALITY_REQUIREMENT_KEYS) {
        const value = resolve(`${key}.${entry}`, gMap?.[entry], dMap?.[entry]);
        if (value !== undefined) merged[entry] = value;
      }
      values[key] = merged;
    } else {
      const value = resolve(key, g[key], d[key]);
      if (value !== undefined) values[key] = value;
    }
  }

  const policy = { ...(values as PolicyValues), domain: domain?.domain ?? null, sources };
  return { policy, provenance };
}

/** Domain values that try to change a path the global policy does not let domains change. */
export function overrideViolations(global: GlobalPolicy, domain: DomainPolicy): OverrideViolation[] {
  const g = globalValues(global);
  const d = domainValues(domain);
  const out: OverrideViolation[] = [];
  for (const path of policyPaths(d)) {
    const domainValue = valueAt(d, path);
    const globalValue = valueAt(g, path);
    const permission = canDomainOverride(global, path);
    if (permission.allowed || sameValue(domainValue, globalValue)) continue;
    const why =
      permission.reason === "locked"
        ? `the global policy locks ${global.locked.find((l) => path === l || path.startsWith(`${l}.`))}`
        : "the global policy does not allow domain overrides";
    out.push({
      path,
      domainValue,
      globalValue,
      reason: permission.reason,
      message: `Domain "${domain.domain}" sets ${path} to ${brief(domainValue)}, but ${why}; the global value ${brief(globalValue)} applies.`,
    });
  }
  return out;
}

/** The global policy's mergeable values (federation controls removed). */
export function globalValues(global: GlobalPolicy): Partial<PolicyValues> {
  const { locked: _locked, domain_overrides_allowed: _allowed, ...values } = global;
  return values;
}

/** A domain policy flattened into the same key space as the global policy. */
export function domainValues(domain: DomainPolicy): Partial<PolicyValues> {
  const { domain: _slug, overrides, ...own } = domain;
  return { ...overrides, ...own };
}

function resolveEntry(global: GlobalPolicy, path: string, globalValue: unknown, domainValue: unknown): ProvenanceEntry {
  const permission = canDomainOverride(global, path);
  const locked = !permission.allowed;
  if (domainValue === undefined) return { path, value: globalValue, source: "global", locked };
  if (locked) {
    const entry: ProvenanceEntry = { path, value: globalValue, source: "global", locked };
    if (!sameValue(domainValue, globalValue)) entry.rejected = { value: domainValue, source: "domain" };
    return entry;
  }
  const entry: ProvenanceEntry = { path, value: domainValue, source: "domain", locked };
  if (globalValue !== undefined) entry.overrides = { value: globalValue, source: "global" };
  return entry;
}

/** Every path a set of values defines: plain keys, and "<map key>.<entry>" for map keys. */
function policyPaths(values: Partial<PolicyValues>): string[] {
  const paths: string[] = [];
  for (const key of POLICY_KEYS) {
    const value = values[key];
    if (value === undefined) continue;
    if (MAP_KEYS.includes(key)) {
      for (const entry of QUALITY_REQUIREMENT_KEYS) {
        if ((value as Record<string, unknown>)[entry] !== undefined) paths.push(`${key}.${entry}`);
      }
    } else paths.push(key);
  }
  return paths;
}

function valueAt(values: Partial<PolicyValues>, path: string): unknown {
  const [key, entry] = path.split(".", 2);
  const value = (values as Record<string, unknown>)[key];
  if (entry === undefined) return value;
  return value !== null && typeof value === "object" ? (value as Record<string, unknown>)[entry] : undefined;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function brief(value: unknown): string {
  if (value === undefined) return "(unset)";
  if (Array.isArray(value)) return `a list of ${value.length}`;
  return typeof value === "string" ? `"${value}"` : JSON.stringify(value);
}
