// What changed between two versions of a spec, which changes break consumers, and whether a proposed
// version number follows semver for them. Fields are matched by name: a rename is a removal plus an addition.
import { sourceKey } from "@/lib/products/lineage-source";
import { bumpVersion, compareSemver, isGreater, parseSemver } from "@/lib/products/semver";
import type { BumpKind } from "@/lib/products/semver";
import type { DataProductSpec, ProductField, Permission } from "@/lib/products/types";

export type ChangeKind =
  | "field_added"
  | "field_removed"
  | "field_type_changed"
  | "field_made_required"
  | "field_made_optional"
  | "field_description_changed"
  | "field_pii_changed"
  | "field_moved"
  | "slo_changed"
  | "access_changed"
  | "lineage_changed"
  | "classification_changed"
  | "governance_changed"
  | "metadata_changed"
  // Declared contracts (lib/products/contract/diff.ts): other datasets and nested properties.
  | "dataset_added"
  | "dataset_removed"
  | "property_added"
  | "property_removed"
  | "property_type_changed"
  | "property_made_required";

/**
 * `path` names the thing by identity, not position: `schema.email.type`, `access.data-analyst`, `slo.latencyMs`.
 * `description` says it in words for people ("Removing field email"), usable as the subject of a sentence.
 */
export type SpecChange = { kind: ChangeKind; path: string; before: unknown; after: unknown; breaking: boolean; description: string };

function change(kind: ChangeKind, path: string, before: unknown, after: unknown, description: string, breaking = false): SpecChange {
  return { kind, path, before, after, breaking, description };
}

const SLO_WORDS = {
  availability: (v: number) => `${v}%`,
  latencyMs: (v: number) => `${v} ms`,
  freshnessMinutes: (v: number) => `${v} minutes`,
};
const SLO_NAMES = { availability: "availability", latencyMs: "latency", freshnessMinutes: "freshness" };

function list(items: readonly string[]): string {
  return items.length > 0 ? items.join(", ") : "none";
}

function sameSet<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item) => b.includes(item));
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Names of fields in both versions whose relative order changed (those outside a longest common subsequence). */
function movedFields(before: string[], after: string[]): Set<string> {
  const inAfter = new Set(after);
  const inBefore = new Set(before);
  const a = before.filter((name) => inAfter.has(name));
  const b = after.filter((name) => inBefore.has(name));
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint16Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const kept = new Set<string>();
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] === b[j]) {
      kept.add(a[i]);
      i++;
      j++;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) i++;
    else j++;
  }
  return new Set(a.filter((name) => !kept.has(name)));
}

function diffFields(before: ProductField[], after: ProductField[]): SpecChange[] {
  const changes: SpecChange[] = [];
  const afterByName = new Map(after.map((f) => [f.name, f]));
  const beforeByName = new Map(before.map((f) => [f.name, f]));
  for (const old of before) {
    const next = afterByName.get(old.name);
    const path = `schema.${old.name}`;
    if (!next) {
      changes.push(change("field_removed", path, old, undefined, `Removing field ${old.name}`, true));
      continue;
    }
    // Any type change is breaking, even a widening one (integer → number): readers parse by type.
    if (old.type !== next.type) {
      changes.push(
        change(
          "field_type_changed",
          `${path}.type`,
          old.type,
          next.type,
          `Changing the type of field ${old.name} from ${old.type} to ${next.type}`,
          true,
        ),
      );
    }
    // Required is breaking because existing rows and producers may hold nulls that the new contract forbids.
    // Optional is not: consumers already had to handle the column, and it still exists.
    if (!old.required && next.required)
      changes.push(change("field_made_required", `${path}.required`, false, true, `Making field ${old.name} required`, true));
    if (old.required && !next.required)
      changes.push(change("field_made_optional", `${path}.required`, true, false, `Making field ${old.name} optional`));
    if (old.description !== next.description) {
      changes.push(
        change(
          "field_description_changed",
          `${path}.description`,
          old.description,
          next.description,
          `Changing the description of field ${old.name}`,
        ),
      );
    }
    // PII marks change governance (masking, purpose), not the data's shape, so they are not semver-breaking.
    if (old.pii !== next.pii) {
      const words = next.pii ? `Marking field ${old.name} as personal data` : `Marking field ${old.name} as not personal data`;
      changes.push(change("field_pii_changed", `${path}.pii`, old.pii, next.pii, words));
    }
  }
  for (const added of after) {
    if (!beforeByName.has(added.name))
      changes.push(change("field_added", `schema.${added.name}`, undefined, added, `Adding field ${added.name}`));
  }
  const moved = movedFields(
    before.map((f) => f.name),
    after.map((f) => f.name),
  );
  for (const name of moved) {
    const from = before.findIndex((f) => f.name === name);
    const to = after.findIndex((f) => f.name === name);
    changes.push(change("field_moved", `schema.${name}`, from, to, `Moving field ${name} from position ${from + 1} to ${to + 1}`));
  }
  return changes;
}

function diffAccess(before: DataProductSpec["access"], after: DataProductSpec["access"]): SpecChange[] {
  const roles = [...new Set([...before.map((g) => g.role), ...after.map((g) => g.role)])];
  return roles.flatMap((role) => {
    const old: Permission[] = before.find((g) => g.role === role)?.permissions ?? [];
    const next: Permission[] = after.find((g) => g.role === role)?.permissions ?? [];
    if (sameSet(old, next)) return [];
    // Taking read away from a role (or dropping the role) cuts off its consumers: breaking, like removing data.
    const losesRead = old.includes("read") && !next.includes("read");
    const words = losesRead
      ? `Removing read access for role ${role}`
      : old.length === 0
        ? `Granting role ${role} ${list(next)}`
        : `Changing the permissions of role ${role} from ${list(old)} to ${list(next)}`;
    return [change("access_changed", `access.${role}`, old, next, words, losesRead)];
  });
}

/** Every difference between two specs that matters to consumers or governance; the version itself is ignored. */
export function diffSpecs(before: DataProductSpec, after: DataProductSpec): SpecChange[] {
  const changes: SpecChange[] = [];
  // A product is addressed by domain and name; moving it breaks every consumer's reference.
  if (before.name !== after.name) {
    changes.push(
      change("metadata_changed", "name", before.name, after.name, `Renaming the product from ${before.name} to ${after.name}`, true),
    );
  }
  if (before.domain !== after.domain) {
    changes.push(
      change(
        "metadata_changed",
        "domain",
        before.domain,
        after.domain,
        `Moving the product from domain ${before.domain} to ${after.domain}`,
        true,
      ),
    );
  }
  if (before.owner !== after.owner)
    changes.push(change("metadata_changed", "owner", before.owner, after.owner, `Changing the owner to ${after.owner}`));
  if (before.description !== after.description) {
    changes.push(change("metadata_changed", "description", before.description, after.description, "Changing the description"));
  }
  if (!sameSet(before.tags, after.tags))
    changes.push(change("metadata_changed", "tags", before.tags, after.tags, `Changing the tags to ${list(after.tags)}`));
  if (!sameJson(before.template, after.template)) {
    changes.push(change("metadata_changed", "template", before.template, after.template, "Changing the template"));
  }
  // Governance re-evaluates access when classification changes; the data itself is unchanged.
  if (before.classification !== after.classification) {
    const words = `Changing the classification from ${before.classification} to ${after.classification}`;
    changes.push(change("classification_changed", "classification", before.classification, after.classification, words));
  }
  const governanceKeys = ["encryption", "retention", "purpose", "erasure"] as const;
  for (const key of governanceKeys) {
    const old = before.governance?.[key];
    const next = after.governance?.[key];
    if (old !== next)
      changes.push(change("governance_changed", `governance.${key}`, old, next, `Changing the governance declaration ${key}`));
  }
  changes.push(...diffFields(before.schema, after.schema));
  // Weaker service levels are announced through the change list, but they do not break readers of the data.
  for (const key of ["availability", "latencyMs", "freshnessMinutes"] as const) {
    const [old, next] = [before.slo[key], after.slo[key]];
    if (old !== next) {
      changes.push(
        change("slo_changed", `slo.${key}`, old, next, `Changing ${SLO_NAMES[key]} from ${SLO_WORDS[key](old)} to ${SLO_WORDS[key](next)}`),
      );
    }
  }
  changes.push(...diffAccess(before.access, after.access));
  // Sources compare by what they say: a bare `{ product }` and its plain string are the same source.
  const lineage = {
    sources: [before.lineage.sources.map(sourceKey), after.lineage.sources.map(sourceKey)] as const,
    transformations: [before.lineage.transformations, after.lineage.transformations] as const,
  };
  for (const key of ["sources", "transformations"] as const) {
    const [was, now] = lineage[key];
    if (!sameSet(was, now)) {
      changes.push(
        change("lineage_changed", `lineage.${key}`, before.lineage[key], after.lineage[key], `Changing the lineage ${key} to ${list(now)}`),
      );
    }
  }
  return changes;
}

/** A change in words, for messages and lists: "Removing field email". */
export function describeChange(c: SpecChange): string {
  return c.description;
}

/** Semver's rule for breaking changes: a major bump, except while major is 0 (anything may change) a minor one. */
function breakingBump(previousVersion: string): BumpKind {
  return (parseSemver(previousVersion)?.major ?? 0) >= 1 ? "major" : "minor";
}

/**
 * The smallest bump the changes require: breaking → major (minor while 0.x); any other change → patch;
 * null when nothing changed.
 */
export function requiredBump(
  before: DataProductSpec,
  after: DataProductSpec,
  changes: SpecChange[] = diffSpecs(before, after),
): BumpKind | null {
  if (changes.some((c) => c.breaking)) return breakingBump(before.version);
  return changes.length > 0 ? "patch" : null;
}

export type VersionCheck = { ok: true } | { ok: false; message: string };

/** Whether `nextVersion` may follow `prevVersion` given the changes; the message says which version would do. */
export function checkVersionChange(prevVersion: string, nextVersion: string, changes: SpecChange[]): VersionCheck {
  const next = parseSemver(nextVersion);
  if (!next) return { ok: false, message: "Version must look like 1.2.3" };
  if (!parseSemver(prevVersion)) return { ok: false, message: `The previous version ${prevVersion} is not a valid version` };
  const breaking = changes.filter((c) => c.breaking);
  const bump = breaking.length > 0 ? breakingBump(prevVersion) : "patch";
  const minimum = bumpVersion(prevVersion, bump);
  if (!isGreater(next, prevVersion)) {
    return { ok: false, message: `Version must be greater than ${prevVersion}: ${minimum} or higher` };
  }
  // A pre-release of the required version (2.0.0-rc.1) is fine: it announces that release.
  if (breaking.length > 0 && compareSemver({ ...next, prerelease: [] }, minimum) < 0) {
    const what =
      breaking.length === 1
        ? `${breaking[0].description} is a breaking change`
        : `${breaking[0].description} and ${breaking.length - 1} other change${breaking.length > 2 ? "s" : ""} are breaking`;
    const why = bump === "minor" ? " (before 1.0.0 a breaking change needs at least a new minor version)" : "";
    return { ok: false, message: `${what}: version must be ${minimum} or higher${why}` };
  }
  return { ok: true };
}

/**
 * Whether saving `to` over the published version `from` needs a reason: a breaking change or a new major
 * cannot be withdrawn once consumers see it. The edit form asks for one; saveProductVersion refuses without.
 */
export function needsBreakingReason(input: { immutable: boolean; from: string; to: string; changes: SpecChange[] }): boolean {
  if (!input.immutable) return false;
  const majorBump = (parseSemver(input.to)?.major ?? 0) > (parseSemver(input.from)?.major ?? 0);
  return majorBump || input.changes.some((c) => c.breaking);
}
