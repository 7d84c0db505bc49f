// Semantic versions (semver.org 2.0.0) for data product releases: parse, order, bump.
// Build metadata (`+build`) is not accepted: it carries no precedence, so two specs differing only by it
// would be indistinguishable versions of the same product.

export type SemVer = { major: number; minor: number; patch: number; prerelease: string[] };
export type BumpKind = "major" | "minor" | "patch";

const NUMERIC = "0|[1-9]\\d*";
const PRERELEASE_ID = "(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)";

/** Strict `x.y.z` with an optional `-prerelease`; no leading zeros, no `v` prefix. */
export const SEMVER_PATTERN = new RegExp(`^(${NUMERIC})\\.(${NUMERIC})\\.(${NUMERIC})(?:-(${PRERELEASE_ID}(?:\\.${PRERELEASE_ID})*))?$`);

export function parseSemver(text: string): SemVer | null {
  const match = SEMVER_PATTERN.exec(text);
  if (!match) return null;
  const [major, minor, patch] = [match[1], match[2], match[3]].map(Number);
  // Beyond 2^53 numbers stop being exact, so ordering and bumping would silently go wrong.
  if (![major, minor, patch].every(Number.isSafeInteger)) return null;
  return { major, minor, patch, prerelease: match[4] ? match[4].split(".") : [] };
}

export function isValidSemver(text: string): boolean {
  return parseSemver(text) !== null;
}

export function formatSemver(version: SemVer): string {
  const core = `${version.major}.${version.minor}.${version.patch}`;
  return version.prerelease.length > 0 ? `${core}-${version.prerelease.join(".")}` : core;
}

function mustParse(text: string): SemVer {
  const version = parseSemver(text);
  if (!version) throw new Error(`Not a semantic version: ${text}`);
  return version;
}

function sign(n: number): -1 | 0 | 1 {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

function compareIdentifiers(a: string, b: string): -1 | 0 | 1 {
  const aNumeric = /^\d+$/.test(a);
  const bNumeric = /^\d+$/.test(b);
  // Numeric identifiers have no leading zeros, so length then text orders them without precision loss.
  if (aNumeric && bNumeric) return sign(a.length - b.length) || (a < b ? -1 : a > b ? 1 : 0);
  if (aNumeric) return -1;
  if (bNumeric) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Precedence per semver §11: core numbers, then a pre-release sorts before its release. */
export function compareSemver(a: SemVer | string, b: SemVer | string): -1 | 0 | 1 {
  const x = typeof a === "string" ? mustParse(a) : a;
  const y = typeof b === "string" ? mustParse(b) : b;
  const core = sign(x.major - y.major) || sign(x.minor - y.minor) || sign(x.patch - y.patch);
  if (core !== 0) return core;
  if (x.prerelease.length === 0 || y.prerelease.length === 0) {
    return sign(y.prerelease.length - x.prerelease.length);
  }
  const shared = Math.min(x.prerelease.length, y.prerelease.length);
  for (let i = 0; i < shared; i++) {
    const order = compareIdentifiers(x.prerelease[i], y.prerelease[i]);
    if (order !== 0) return order;
  }
  return sign(x.prerelease.length - y.prerelease.length);
}

export function isGreater(a: SemVer | string, b: SemVer | string): boolean {
  return compareSemver(a, b) > 0;
}

/**
 * The next release of the given kind, with npm's rule for pre-releases: bumping `2.0.0-rc.1` by major gives
 * `2.0.0`, because the pre-release already announced that major version.
 */
export function bumpVersion(version: SemVer | string, kind: BumpKind): string {
  const v = typeof version === "string" ? mustParse(version) : version;
  const pre = v.prerelease.length > 0;
  if (kind === "major") {
    const releasesPre = pre && v.minor === 0 && v.patch === 0;
    return formatSemver({ major: releasesPre ? v.major : v.major + 1, minor: 0, patch: 0, prerelease: [] });
  }
  if (kind === "minor") {
    const releasesPre = pre && v.patch === 0;
    return formatSemver({ ...v, minor: releasesPre ? v.minor : v.minor + 1, patch: 0, prerelease: [] });
  }
  return formatSemver({ ...v, patch: pre ? v.patch : v.patch + 1, prerelease: [] });
}
