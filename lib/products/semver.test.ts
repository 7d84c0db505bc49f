import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { versionArb } from "@/lib/products/__fixtures__/arbitraries";
import { bumpVersion, compareSemver, formatSemver, isGreater, isValidSemver, parseSemver } from "@/lib/products/semver";

describe("parseSemver", () => {
  it("reads x.y.z with an optional pre-release", () => {
    expect(parseSemver("1.2.3")).toEqual({ major: 1, minor: 2, patch: 3, prerelease: [] });
    expect(parseSemver("0.1.0-beta.2")).toEqual({ major: 0, minor: 1, patch: 0, prerelease: ["beta", "2"] });
  });

  it.each([
    "1.2",
    "1",
    "v1.2.3",
    "01.2.3",
    "1.02.3",
    "1.2.3-",
    "1.2.3-01",
    "1.2.3+build",
    "1.2.3-a..b",
    " 1.2.3",
    "1.2.3 ",
    "",
    "9007199254740992.0.0",
  ])("rejects %j", (text) => {
    expect(parseSemver(text)).toBeNull();
    expect(isValidSemver(text)).toBe(false);
  });

  it("formats back to the same text", () => {
    fc.assert(
      fc.property(versionArb, (v) => formatSemver(parseSemver(v)!) === v),
      { numRuns: 300 },
    );
  });
});

describe("compareSemver", () => {
  it("follows the precedence example of semver.org §11", () => {
    const ordered = [
      "1.0.0-alpha",
      "1.0.0-alpha.1",
      "1.0.0-alpha.beta",
      "1.0.0-beta",
      "1.0.0-beta.2",
      "1.0.0-beta.11",
      "1.0.0-rc.1",
      "1.0.0",
    ];
    for (let i = 0; i < ordered.length - 1; i++) {
      expect(compareSemver(ordered[i], ordered[i + 1])).toBe(-1);
      expect(compareSemver(ordered[i + 1], ordered[i])).toBe(1);
    }
  });

  it("compares numbers numerically, not as text", () => {
    expect(isGreater("1.10.0", "1.9.0")).toBe(true);
    expect(isGreater("2.0.0", "10.0.0")).toBe(false);
    expect(isGreater("1.0.0-rc.10", "1.0.0-rc.9")).toBe(true);
    expect(isGreater("1.0.0-99999999999999999999", "1.0.0-9999999999999999999")).toBe(true);
  });

  it("is a total order: antisymmetric and consistent with equality", () => {
    fc.assert(
      fc.property(versionArb, versionArb, (a, b) => {
        expect(compareSemver(a, b)).toBe(-compareSemver(b, a) || 0);
        expect(compareSemver(a, b) === 0).toBe(a === b);
      }),
      { numRuns: 300 },
    );
  });

  it("throws on text that is not a version (callers validate first)", () => {
    expect(() => compareSemver("1.0", "1.0.0")).toThrow(/Not a semantic version/);
  });
});

describe("bumpVersion", () => {
  it("bumps one part and resets the smaller ones", () => {
    expect(bumpVersion("1.2.3", "major")).toBe("2.0.0");
    expect(bumpVersion("1.2.3", "minor")).toBe("1.3.0");
    expect(bumpVersion("1.2.3", "patch")).toBe("1.2.4");
  });

  it("releases a pre-release of the same version instead of skipping it", () => {
    expect(bumpVersion("2.0.0-rc.1", "major")).toBe("2.0.0");
    expect(bumpVersion("1.2.0-rc.1", "major")).toBe("2.0.0");
    expect(bumpVersion("1.3.0-beta", "minor")).toBe("1.3.0");
    expect(bumpVersion("1.3.1-beta", "minor")).toBe("1.4.0");
    expect(bumpVersion("1.2.4-beta", "patch")).toBe("1.2.4");
  });

  it("always gives a greater version", () => {
    fc.assert(
      fc.property(versionArb, fc.constantFrom("major", "minor", "patch") as fc.Arbitrary<"major" | "minor" | "patch">, (v, kind) => {
        fc.pre(
          parseSemver(v)!.major < Number.MAX_SAFE_INTEGER &&
            parseSemver(v)!.minor < Number.MAX_SAFE_INTEGER &&
            parseSemver(v)!.patch < Number.MAX_SAFE_INTEGER,
        );
        expect(isGreater(bumpVersion(v, kind), v)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
