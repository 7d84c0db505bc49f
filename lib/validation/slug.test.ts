import { describe, expect, it } from "vitest";
import { DOMAIN_SLUG, isDomainSlug, newDomainSlugSchema } from "./slug";

describe("domain slug rule", () => {
  it("accepts DNS labels up to 63 characters, as every check of an existing slug does", () => {
    for (const ok of ["a", "sales", "customer-success", "1st-party", "a".repeat(63)]) {
      expect(isDomainSlug(ok), ok).toBe(true);
      expect(DOMAIN_SLUG.test(ok), ok).toBe(true);
    }
    for (const bad of ["", "-a", "a-", "Sales", "a_b", "a.b", "a b", "a".repeat(64)]) {
      expect(isDomainSlug(bad), bad).toBe(false);
      expect(DOMAIN_SLUG.test(bad), bad).toBe(false);
    }
  });

  it("asks a new domain's slug to start with a letter and have 2 to 40 characters", () => {
    const messages = (s: string) => newDomainSlugSchema.safeParse(s).error?.issues.map((i) => i.message) ?? [];
    expect(messages("sales")).toEqual([]);
    expect(messages(" sales ")).toEqual([]);
    expect(messages("1st-party")).toEqual(["Use lowercase letters, digits and dashes, starting with a letter."]);
    expect(messages("a")).toEqual(["Use at least 2 characters.", "Use lowercase letters, digits and dashes, starting with a letter."]);
    expect(messages("a".repeat(41))).toEqual(["Use at most 40 characters."]);
    expect(messages("sales-")).toEqual(["Use lowercase letters, digits and dashes, starting with a letter."]);
  });
});
