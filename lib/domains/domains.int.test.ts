// Domain suggestions for the type-ahead pickers, against the real PostgreSQL.
import { beforeAll, describe, expect, it } from "vitest";
import { suggestDomains } from "@/lib/domains/service";
import { db } from "@/lib/db";
import { createDomain, uid } from "@/prisma/seed/factories";

let tag: string;

beforeAll(async () => {
  tag = uid();
  for (let i = 0; i < 15; i++) await createDomain({ slug: `zeta-${tag}-${i}` });
  await createDomain({ slug: `old-${tag}` });
  await db.domain.update({ where: { slug: `old-${tag}` }, data: { status: "archived" } });
});

describe("suggestDomains", () => {
  it("finds domains by part of the slug or the name, at most `limit`, never archived ones", async () => {
    const bySlug = await suggestDomains(`zeta-${tag}`, 10);
    expect(bySlug).toHaveLength(10);
    expect(bySlug.every((d) => d.slug.startsWith(`zeta-${tag}-`))).toBe(true);
    // names are "Domain <slug>"
    const byName = await suggestDomains(`DOMAIN ZETA-${tag}-1`, 50);
    expect(byName.map((d) => d.slug).sort()).toEqual([
      `zeta-${tag}-1`,
      `zeta-${tag}-10`,
      `zeta-${tag}-11`,
      `zeta-${tag}-12`,
      `zeta-${tag}-13`,
      `zeta-${tag}-14`,
    ]);
    expect(await suggestDomains(`old-${tag}`)).toEqual([]);
  });

  it("puts the exact slug first and treats LIKE wildcards as text", async () => {
    const first = await suggestDomains(`zeta-${tag}-1`);
    expect(first[0]?.slug).toBe(`zeta-${tag}-1`);
    expect(await suggestDomains(`%${tag}%_`)).toEqual([]);
  });
});
