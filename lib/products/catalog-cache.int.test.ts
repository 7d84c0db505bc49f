// The catalog's answer cache against the real PostgreSQL: answers are kept while nothing changes, and a
// committed change to data_products or domains from another connection empties the cache (the migration's
// triggers send NOTIFY catalog_changed); a rolled-back change does not.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { db } from "@/lib/db";
import { newPgClient } from "@/lib/pg";
import { CATALOG_CHANNEL, catalogEntry, createChangeCache, type ChangeCache } from "@/lib/products/catalog-cache";
import { registerProduct } from "@/lib/products/register-product";
import { createDomain, createPrincipal, ensureGlobalPolicy, sampleSpec } from "@/prisma/seed/factories";

let cache: ChangeCache<number>;
let other: pg.Client;
let loads = 0;
const load = async () => ++loads;

async function until(check: () => boolean | Promise<boolean>, ms = 20_000) {
  const end = Date.now() + ms;
  while (!(await check()) && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  return check();
}

beforeAll(async () => {
  cache = createChangeCache<number>({ channel: CATALOG_CHANNEL, connect: () => newPgClient("catalog-cache-test") });
  other = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await other.connect();
});

afterAll(async () => {
  await cache.close();
  await other.end();
});

describe("catalog answer cache", () => {
  it("answers from the database until its listener is connected, then keeps answers", async () => {
    expect(await cache.get("q", load)).toBe(1); // not listening yet: loaded
    expect(await until(() => cache.active)).toBe(true);
    const first = await cache.get("q", load);
    expect(await cache.get("q", load)).toBe(first);
    expect(await cache.get("other", load)).toBe(first + 1); // another query is another answer
  });

  it("forgets every answer when another connection commits a change to a product or a domain", async () => {
    const slug = (await createDomain()).slug;
    const before = await cache.get("q", load);
    expect(await cache.get("q", load)).toBe(before);
    await other.query("UPDATE domains SET name = name || '!' WHERE slug = $1", [slug]);
    expect(await until(async () => (await cache.get("q", load)) > before)).toBe(true);
    const afterDomain = await cache.get("q", load);

    await other.query("UPDATE data_products SET description = description WHERE false"); // a statement that changes nothing still notifies
    expect(await until(async () => (await cache.get("q", load)) > afterDomain)).toBe(true);
  });

  it("keeps answers when the change is rolled back", async () => {
    // On a loaded machine the earlier tests' notifications may still be on their way: wait until the answer holds.
    let kept = await cache.get("q", load);
    for (let i = 0; i < 10; i++) {
      await new Promise((r) => setTimeout(r, 300));
      const again = await cache.get("q", load);
      if (again === kept) break;
      kept = again;
    }
    await other.query("BEGIN");
    await other.query("UPDATE data_products SET description = description WHERE false");
    await other.query("ROLLBACK");
    await new Promise((r) => setTimeout(r, 300));
    expect(await cache.get("q", load)).toBe(kept);
  });

  it("keeps nothing after the listener's connection is lost, until it is back", async () => {
    const kept = await cache.get("q", load);
    await db.$executeRaw`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'catalog-cache-test'`;
    expect(await until(() => !cache.active)).toBe(true);
    expect(await cache.get("q", load)).toBeGreaterThan(kept); // loaded again (and it reconnects)
    expect(await until(() => cache.active)).toBe(true);
  });
});

describe("one product's catalog entry (GET /api/v1/products/{domain}/{name})", () => {
  it("answers what the database holds: not found until the product exists, then each committed change by anyone", async () => {
    await ensureGlobalPolicy();
    const domain = (await createDomain()).slug;
    const owner = await createPrincipal(["data_producer"], { [domain]: "owner" });
    const spec = sampleSpec(domain);
    expect(await catalogEntry(domain, spec.name)).toBeNull();
    await registerProduct(owner, spec); // a writer in this process empties the cache at once
    expect((await catalogEntry(domain, spec.name))?.description).toBe(spec.description);

    // Another connection (another portal process, psql): the notification empties the cache.
    const kept = await catalogEntry(domain, spec.name);
    expect(await until(async () => (await catalogEntry(domain, spec.name)) === kept)).toBe(true); // kept, not re-read
    await other.query("UPDATE data_products SET description = 'changed elsewhere' WHERE name = $1", [spec.name]);
    expect(await until(async () => (await catalogEntry(domain, spec.name))?.description === "changed elsewhere")).toBe(true);
    await other.query("UPDATE domains SET name = 'Renamed elsewhere' WHERE slug = $1", [domain]);
    expect(await until(async () => (await catalogEntry(domain, spec.name))?.domainName === "Renamed elsewhere")).toBe(true);
  });
});
