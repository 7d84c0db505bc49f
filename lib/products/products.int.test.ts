// Product registry services against the real PostgreSQL: authorization by role and domain,
// transactions, versioning rules, optimistic concurrency and catalog search.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { registerProduct } from "@/lib/products/register-product";
import { saveProductVersion } from "@/lib/products/save-version";
import { moveLifecycle } from "@/lib/products/move-lifecycle";
import { searchProducts } from "@/lib/products/search";
import { recordMetricEvent } from "@/lib/metrics/record";
import { refreshUsageRanks } from "@/lib/metrics/usage-rank";
import { parseSearchParams } from "@/lib/products/search-query";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/errors";
import { createDomain, createPrincipal, ensureGlobalPolicy, sampleSpec, uid } from "@/prisma/seed/factories";
import type { CurrentUser } from "@/lib/auth/current-user";

let domain: string;
let other: string;
let owner: CurrentUser;
let producer: CurrentUser;
let outsider: CurrentUser;
let consumer: CurrentUser;
let admin: CurrentUser;

beforeAll(async () => {
  // Publishing validates against the governance policy; without one the publish gate fails closed.
  await ensureGlobalPolicy();
  domain = (await createDomain()).slug;
  other = (await createDomain()).slug;
  owner = await createPrincipal(["data_producer"], { [domain]: "owner" });
  producer = await createPrincipal(["data_producer"], { [domain]: "producer" });
  outsider = await createPrincipal(["data_producer"], { [other]: "owner" });
  consumer = await createPrincipal(["data_consumer"]);
  admin = await createPrincipal(["data_admin"]);
});

const countProducts = () => db.dataProduct.count();

describe("registerProduct", () => {
  it("registers a draft with its first version and field rows", async () => {
    const spec = sampleSpec(domain);
    const created = await registerProduct(producer, spec);
    const row = await db.dataProduct.findUniqueOrThrow({
      where: { id: created.id },
      include: { versions: true, fields: { orderBy: { position: "asc" } } },
    });
    expect(row.lifecycle).toBe("draft");
    expect(row.versions.map((v) => v.version)).toEqual(["1.0.0"]);
    expect(row.fields.map((f) => f.name)).toEqual(["id", "amount"]);
  });

  it("refuses producers of other domains and consumers, writing nothing", async () => {
    const before = await countProducts();
    await expect(registerProduct(outsider, sampleSpec(domain))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(registerProduct(consumer, sampleSpec(domain))).rejects.toBeInstanceOf(ForbiddenError);
    expect(await countProducts()).toBe(before);
  });

  it("reports a duplicate name within a domain as a field error", async () => {
    const spec = sampleSpec(domain);
    await registerProduct(owner, spec);
    const err = await registerProduct(owner, spec).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as ConflictError).fieldErrors?.name?.[0]).toContain("already exists");
    // the same name in another domain is fine
    await expect(registerProduct(admin, { ...spec, domain: other, owner: `${other}@company.com` })).resolves.toMatchObject({
      domain: other,
    });
  });

  it("rejects invalid input field by field and writes nothing", async () => {
    const before = await countProducts();
    const bad = {
      ...sampleSpec(domain),
      name: "Not A Label",
      version: "one",
      schema: [{ name: "1bad", type: "text", description: "", required: false, pii: false }],
    };
    const err = (await registerProduct(owner, bad).catch((e: unknown) => e)) as ValidationError;
    expect(err).toBeInstanceOf(ValidationError);
    expect(Object.keys(err.fieldErrors ?? {})).toEqual(expect.arrayContaining(["name", "version", "schema.0.name", "schema.0.type"]));
    expect(await countProducts()).toBe(before);
  });
});

describe("lifecycle and versions", () => {
  it("lets editors submit, only owners publish, and versions published products immutably", async () => {
    const spec = sampleSpec(domain);
    await registerProduct(producer, spec);
    const ref = { domain, name: spec.name };
    await moveLifecycle(producer, ref, "in_review");
    await expect(moveLifecycle(producer, ref, "published")).rejects.toBeInstanceOf(ForbiddenError);
    await expect(moveLifecycle(consumer, ref, "published")).rejects.toBeInstanceOf(ForbiddenError);
    await moveLifecycle(owner, ref, "published");
    await expect(moveLifecycle(owner, ref, "retired")).rejects.toBeInstanceOf(ValidationError);

    // A breaking change (field removed) with a minor bump is refused with a clear message.
    const removed = { ...spec, version: "1.1.0", schema: spec.schema.slice(0, 1) };
    const err = (await saveProductVersion(producer, { ...ref, spec: removed }).catch((e: unknown) => e)) as ValidationError;
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.fieldErrors?.version?.[0]).toMatch(/2\.0\.0/);

    // Additive change with a minor bump: a new version row, the old one untouched.
    const added = {
      ...spec,
      version: "1.1.0",
      schema: [...spec.schema, { name: "note", type: "string" as const, description: "", required: false, pii: false }],
    };
    const r1 = await saveProductVersion(producer, { ...ref, spec: added, changeNote: "add note" });
    expect(r1).toMatchObject({ version: "1.1.0", newVersion: true, breaking: false });
    const r2 = await saveProductVersion(producer, { ...ref, spec: { ...removed, version: "2.0.0" }, changeNote: "drop amount" });
    expect(r2).toMatchObject({ version: "2.0.0", breaking: true });

    const product = await db.dataProduct.findFirstOrThrow({
      where: { name: spec.name },
      include: { versions: { orderBy: { createdAt: "asc" } }, lifecycleEvents: true },
    });
    expect(product.versions.map((v) => v.version)).toEqual(["1.0.0", "1.1.0", "2.0.0"]);
    expect((product.versions[0].spec as { schema: unknown[] }).schema).toHaveLength(2);
    expect(product.lifecycleEvents.map((e) => e.toState).sort()).toEqual(["draft", "in_review", "published"]);
  });

  it("gives the second of two concurrent editors a conflict", async () => {
    const spec = sampleSpec(domain);
    await registerProduct(owner, spec);
    const ref = { domain, name: spec.name };
    const loaded = await db.dataProduct.findFirstOrThrow({ where: { name: spec.name } });
    await saveProductVersion(owner, { ...ref, spec: { ...spec, description: "first editor" }, expectedLockVersion: loaded.lockVersion });
    await expect(
      saveProductVersion(producer, { ...ref, spec: { ...spec, description: "second editor" }, expectedLockVersion: loaded.lockVersion }),
    ).rejects.toBeInstanceOf(ConflictError);
    const after = await db.dataProduct.findFirstOrThrow({ where: { name: spec.name } });
    expect(after.description).toBe("first editor");
  });

  it("refuses edits from producers of other domains", async () => {
    const spec = sampleSpec(domain);
    await registerProduct(owner, spec);
    await expect(
      saveProductVersion(outsider, { domain, name: spec.name, spec: { ...spec, description: "hijack" } }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("catalog search", () => {
  it("ranks products that match equally by their reads of the last 30 days, and sorts by them", async () => {
    const tag = uid();
    const names = ["quiet", "busy", "busiest"].map((n) => `usage-${tag}-${n}`);
    const ids: string[] = [];
    for (const name of names) {
      await registerProduct(owner, sampleSpec(domain, { name, description: `Shipments ${tag}` }));
      ids.push((await db.dataProduct.findFirstOrThrow({ where: { name }, select: { id: true } })).id);
    }
    const read = (productId: string, daysAgo: number) =>
      recordMetricEvent({ type: "product_read", productId, userId: consumer.id, at: new Date(Date.now() - daysAgo * 86_400_000) });
    for (let i = 0; i < 3; i++) await read(ids[1]!, 1);
    for (let i = 0; i < 40; i++) await read(ids[2]!, 2);
    for (let i = 0; i < 90; i++) await read(ids[0]!, 45); // old reads do not count
    expect(await refreshUsageRanks()).toBeGreaterThanOrEqual(2);
    const rows = await db.dataProduct.findMany({ where: { id: { in: ids } }, select: { name: true, reads30d: true } });
    expect(Object.fromEntries(rows.map((r) => [r.name, r.reads30d]))).toEqual({ [names[0]!]: 0, [names[1]!]: 3, [names[2]!]: 40 });
    // Nothing changed since: the refresh writes no row.
    expect(await refreshUsageRanks()).toBe(0);

    const byText = await searchProducts(parseSearchParams({ q: `shipments ${tag}` }));
    expect(byText.items.map((i) => i.name)).toEqual([names[2], names[1], names[0]]);
    const byUsage = await searchProducts(parseSearchParams({ q: tag, sort: "usage" }));
    expect(byUsage.items.map((i) => i.name)).toEqual([names[2], names[1], names[0]]);
  });

  it("finds a product by one of its field names, by a typo in its name, and filters", async () => {
    const tag = uid();
    const spec = sampleSpec(domain, {
      name: `loyalty-ledger-${tag}`,
      description: "Points earned and burned",
      schema: [{ name: `points_${tag}_balance`, type: "integer", description: "", required: true, pii: false }],
    });
    await registerProduct(owner, spec);
    const byField = await searchProducts(parseSearchParams({ q: `points_${tag}` }));
    expect(byField.items.map((i) => i.name)).toContain(spec.name);
    const byTypo = await searchProducts(parseSearchParams({ q: `loyalty-ledgr-${tag}` }));
    expect(byTypo.items[0]?.name).toBe(spec.name);
    const filteredOut = await searchProducts(parseSearchParams({ q: `points_${tag}`, domain: other }));
    expect(filteredOut.total).toBe(0);
    const drafts = await searchProducts(parseSearchParams({ domain, lifecycle: "draft", pageSize: "100" }));
    expect(drafts.items.every((i) => i.lifecycle === "draft" && i.domain === domain)).toBe(true);
  });

  it("returns each hit's field names (for 'matched field …') and suggests a spelling when nothing matches", async () => {
    const tag = uid().replace(/[^a-z0-9]/g, "");
    const spec = sampleSpec(domain, {
      name: `shipments-${tag}`,
      description: "Parcels leaving the warehouse",
      schema: [{ name: `consignee_${tag}`, type: "string", description: "", required: true, pii: false }],
    });
    await registerProduct(owner, spec);
    const hit = await searchProducts(parseSearchParams({ q: `consignee_${tag}` }));
    expect(hit.items.find((i) => i.name === spec.name)?.fields).toEqual([`consignee_${tag}`]);
    expect(hit.suggestion).toBeUndefined();
    // A typo in a field name (not in any product name): nothing matches, the known word is offered.
    const typo = await searchProducts(parseSearchParams({ q: "consingee" }));
    expect(typo.total).toBe(0);
    expect(typo.suggestion).toBe("consignee");
  });

  it("counts the matches beside each filter value, tags included, leaving a facet's own filter out", async () => {
    const tag = uid().replace(/[^a-z0-9]/g, "");
    await registerProduct(owner, sampleSpec(domain, { name: `facet-a-${tag}`, tags: [`t${tag}`, "shared"] }));
    await registerProduct(owner, sampleSpec(domain, { name: `facet-b-${tag}`, tags: [`t${tag}`], classification: "confidential" }));
    const all = await searchProducts(parseSearchParams({ q: `facet ${tag}` }), { facets: true });
    expect(all.facets?.classification).toMatchObject({ confidential: 1 });
    expect(all.facets?.lifecycle).toEqual({ draft: 2 });
    expect(all.facets?.tags).toEqual([
      { tag: `t${tag}`, n: 2 },
      { tag: "shared", n: 1 },
    ]);
    // Filtering by tag narrows the results and the other facets, but still lists the other tags.
    const tagged = await searchProducts(parseSearchParams({ q: `facet ${tag}`, tag: "shared" }), { facets: true });
    expect(tagged.items.map((i) => i.name)).toEqual([`facet-a-${tag}`]);
    expect(tagged.facets?.classification).not.toHaveProperty("confidential");
    expect(tagged.facets?.tags.map((t) => t.tag)).toContain(`t${tag}`);
    expect((await searchProducts(parseSearchParams({ q: `facet ${tag}` }))).facets).toBeUndefined();
  });

  it("adds typo matches only when the words find less than a page, and counts what it shows", async () => {
    const tag = uid();
    // 25 exact hits for "harbor-<tag>": a full page of real matches, so no near-miss joins them.
    for (let i = 0; i < 25; i++) await registerProduct(owner, sampleSpec(domain, { name: `harbor-${tag}-${i}` }));
    await registerProduct(owner, sampleSpec(domain, { name: `harbr-${tag}` }));
    const exact = await searchProducts(parseSearchParams({ q: `harbor ${tag}`, pageSize: "100" }));
    expect(exact.total).toBe(25);
    expect(exact.items.map((i) => i.name)).not.toContain(`harbr-${tag}`);
    // A typo that matches no word: the near names are offered, and the total says how many.
    const typo = await searchProducts(parseSearchParams({ q: `harbr-${tag}-3`, pageSize: "100" }));
    expect(typo.items.map((i) => i.name)).toContain(`harbor-${tag}-3`);
    expect(typo.items.every((i) => i.name.includes(tag))).toBe(true);
    expect(typo.total).toBe(typo.items.length);
  });

  it("finds a typo in one word of a longer name", async () => {
    const tag = uid();
    const spec = sampleSpec(domain, { name: `lighthouse-telemetry-${tag}` });
    await registerProduct(owner, spec);
    // "lighthose" is far from the whole name (similarity ~0.3) but close to its first word
    const found = await searchProducts(parseSearchParams({ q: "lighthose", pageSize: "100" }));
    expect(found.items.map((i) => i.name)).toContain(spec.name);
  });

  it("sorts by name on request and reports the total on a page past the last result", async () => {
    const tag = uid();
    for (const n of ["c", "a", "b"]) await registerProduct(owner, sampleSpec(domain, { name: `atlas-${tag}-${n}` }));
    const byName = await searchProducts(parseSearchParams({ q: `atlas ${tag}`, sort: "name" }));
    expect(byName.items.map((i) => i.name)).toEqual([`atlas-${tag}-a`, `atlas-${tag}-b`, `atlas-${tag}-c`]);
    const past = await searchProducts(parseSearchParams({ q: `atlas ${tag}`, page: "9" }));
    expect(past.items).toEqual([]);
    expect(past.total).toBe(3);
  });

  it("treats SQL and tsquery syntax in the query as plain text", async () => {
    for (const q of ["'; drop table data_products; --", "a & | ! ( ) :* <->", "%_\\"]) {
      const r = await searchProducts(parseSearchParams({ q, owner: q }));
      expect(r.total).toBeGreaterThanOrEqual(0);
    }
    expect(await countProducts()).toBeGreaterThan(0);
  });
});
