// Which parts of a domain policy a domain may change under the global policy (the federated balance).
// Pure: the save service enforces it, the editor uses it to disable locked fields.
import { canDomainOverride, domainValues, isLocked } from "./merge";
import { deepEqual } from "./diff";
import { QUALITY_REQUIREMENT_KEYS, type DomainPolicy, type GlobalPolicy, type PolicyValues } from "./types";

/** Every policy path a domain policy can set, in the order the editor shows them. */
export const DOMAIN_POLICY_PATHS: readonly string[] = [
  "data_retention",
  "access_model",
  ...QUALITY_REQUIREMENT_KEYS.map((k) => `quality_requirements.${k}`),
  "data_classification",
  "access_control",
  "data_quality",
  "compliance",
];

const OVERRIDE_PATHS = new Set(["data_classification", "access_control", "data_quality", "compliance"]);

/** The domain-spec field a policy path is edited in: overrides live under "overrides.<key>". */
export function domainFieldKey(path: string): string {
  return OVERRIDE_PATHS.has(path) ? `overrides.${path}` : path;
}

/** True when the global policy leaves a domain at least one path to set. */
export function globalAllowsDomainEdits(global: GlobalPolicy): boolean {
  return DOMAIN_POLICY_PATHS.some((path) => canDomainOverride(global, path).allowed);
}

export type PathLock = { path: string; allowed: boolean; reason?: "locked" | "overrides_disabled"; note?: string };

/** Per path: may a domain set it, and why not. */
export function domainPathLocks(global: GlobalPolicy): Record<string, PathLock> {
  return Object.fromEntries(
    DOMAIN_POLICY_PATHS.map((path) => {
      const p = canDomainOverride(global, path);
      if (p.allowed) return [path, { path, allowed: true }];
      const note =
        p.reason === "locked"
          ? `Locked by global policy (${global.locked.find((l) => path === l || path.startsWith(`${l}.`)) ?? path})`
          : "Locked by global policy: domains may not override values it sets";
      return [path, { path, allowed: false, reason: p.reason, note }];
    }),
  );
}

function valueAt(values: Partial<PolicyValues>, path: string): unknown {
  const [key, entry] = path.split(".", 2);
  const v = (values as Record<string, unknown>)[key];
  if (entry === undefined) return v;
  return v !== null && typeof v === "object" ? (v as Record<string, unknown>)[entry] : undefined;
}

/** Paths whose value differs between two versions of a domain policy (either may be absent). */
export function changedDomainPaths(before: DomainPolicy | null, after: DomainPolicy): string[] {
  const a = before ? domainValues(before) : {};
  const b = domainValues(after);
  return DOMAIN_POLICY_PATHS.filter((path) => !deepEqual(valueAt(a, path), valueAt(b, path)));
}

export type LockedChange = { path: string; field: string; message: string };

/**
 * Changes that set a path the domain may not set. Removing such a value is allowed (the merge ignores
 * it anyway, and clearing it tidies up after governance locks a path a domain had set).
 */
export function lockedChanges(global: GlobalPolicy, before: DomainPolicy | null, after: DomainPolicy): LockedChange[] {
  const b = domainValues(after);
  return changedDomainPaths(before, after)
    .filter((path) => valueAt(b, path) !== undefined && !canDomainOverride(global, path).allowed)
    .map((path) => ({
      path,
      field: domainFieldKey(path),
      message: isLocked(global, path)
        ? `${path} is locked by the global policy; domains cannot override it`
        : `${path} is set by the global policy, which does not allow domain overrides`,
    }));
}
