// The seed's products must pass the owner check (lib/products/product-owner.ts): each names its
// domain's team address, which the seed's domains carry as ownerTeam.
import { describe, expect, it } from "vitest";
import { CUSTOMER_DATA_PRODUCT, generatedProducts } from "@/prisma/seed/products";
import { SEED_DOMAINS } from "@/prisma/seed/domains";

describe("seed product owners", () => {
  it("are the team address of the product's domain", () => {
    const team = new Map<string, string>(SEED_DOMAINS.map((d) => [d.slug, d.ownerTeam.toLowerCase()]));
    const specs = [CUSTOMER_DATA_PRODUCT, ...generatedProducts().map((g) => g.spec)];
    expect(specs.length).toBeGreaterThan(10);
    for (const s of specs) expect(s.owner.toLowerCase(), `${s.domain}/${s.name}`).toBe(team.get(s.domain));
  });
});
