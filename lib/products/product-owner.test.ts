import { describe, expect, it } from "vitest";
import { lowersClassification, OWNER_CHANGE_DENIED, ownerError } from "@/lib/products/product-owner";

const base = { domain: "sales", isCandidate: true, mayChange: false };

describe("ownerError", () => {
  it("lets any editor keep the saved owner, even one who has left the domain", () => {
    expect(ownerError({ ...base, next: "Sam@Company.com", previous: "sam@company.com", isCandidate: false })).toBeNull();
  });

  it("refuses a change of owner by someone without owner rights, even to a member", () => {
    expect(ownerError({ ...base, next: "pat@company.com", previous: "sales-team@company.com" })).toBe(OWNER_CHANGE_DENIED);
  });

  it("lets an owner hand the product to the domain's team or a member, and to no one else", () => {
    expect(ownerError({ ...base, mayChange: true, next: "pat@company.com", previous: "sam@company.com" })).toBeNull();
    expect(ownerError({ ...base, mayChange: true, isCandidate: false, next: "stranger@else.com", previous: "sam@company.com" })).toMatch(
      /not a member of the sales domain/,
    );
  });

  it("at registration requires a member or the team, whoever registers", () => {
    expect(ownerError({ ...base, next: "pat@company.com", previous: null })).toBeNull();
    expect(ownerError({ ...base, isCandidate: false, next: "stranger@else.com", previous: null })).toMatch(/not a member/);
  });
});

describe("lowersClassification", () => {
  it("is true only towards less protection", () => {
    expect(lowersClassification("confidential", "internal")).toBe(true);
    expect(lowersClassification("restricted", "public")).toBe(true);
    expect(lowersClassification("internal", "confidential")).toBe(false);
    expect(lowersClassification("internal", "internal")).toBe(false);
  });
});
