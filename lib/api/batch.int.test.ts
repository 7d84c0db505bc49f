// POST /api/v1/products/batch over its route handler, on the real PostgreSQL, every answer checked against the
// OpenAPI document: 1,000 realistic contracts in one request; a bad document, a token limited to another
// domain or without the write scope refuse the whole batch with nothing written; size and count limits.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { stringify } from "yaml";
import { db } from "@/lib/db";
import { createApiToken } from "@/lib/auth/api-tokens";
import type { CurrentUser } from "@/lib/auth/current-user";
import { stopQueue } from "@/lib/jobs/queue";
import { createDomain, createPrincipal, ensureGlobalPolicy, uid } from "@/prisma/seed/factories";
import { call } from "@/tests/api-client";
import { ordersContract } from "@/tests/odcs-contracts";

// No browser session here (next-auth needs a Next request): these calls authenticate with tokens.
vi.mock("@/lib/auth/auth", () => ({ auth: async () => null }));

const BATCH = "/api/v1/products/batch";

/** Half as YAML, half as JSON, as a repository of contracts holds them. */
const text = (contract: Record<string, unknown>, i: number) => (i % 2 === 0 ? stringify(contract) : JSON.stringify(contract));

let domain: string;
let otherDomain: string;
let owner: CurrentUser;
const tokens: Record<string, string> = {};
const token = async (user: CurrentUser, input: Record<string, unknown>) =>
  (await createApiToken(user, { name: "batch", scopes: ["read", "write"], expiresInDays: 30, ...input })).secret;
const post = (documents: unknown[], opts: { token?: string; query?: string } = {}) =>
  call("POST", BATCH, { token: opts.token ?? tokens.writer, query: opts.query, body: JSON.stringify({ documents }) });
const productsOf = (slug: string) => db.dataProduct.count({ where: { domain: { slug } } });

beforeAll(async () => {
  await ensureGlobalPolicy();
  domain = (await createDomain()).slug;
  otherDomain = (await createDomain()).slug;
  owner = await createPrincipal(["data_producer"], { [domain]: "owner", [otherDomain]: "owner" });
  tokens.writer = await token(owner, {});
  tokens.readOnly = await token(owner, { scopes: ["read"] });
  tokens.otherDomain = await token(owner, { domains: [otherDomain] });
});

afterAll(async () => {
  await stopQueue();
});

describe("POST /api/v1/products/batch", () => {
  it("registers 1,000 contracts in one request, each validated against the domain's policy", async () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `orders-${String(i).padStart(4, "0")}-${uid()}`);
    const documents = ids.map((id, i) => text(ordersContract(id, { domain, owner: owner.email }), i));
    const body = JSON.stringify({ documents });
    const started = performance.now();
    const r = await call("POST", BATCH, { token: tokens.writer, body });
    const ms = performance.now() - started;
    console.log(`batch of 1,000 contracts: ${(Buffer.byteLength(body) / 1e6).toFixed(2)} MB body, ${Math.round(ms)} ms`);
    expect(r.status, r.text.slice(0, 500)).toBe(201);
    const result = r.json() as { registered: number; products: { name: string; status: string; href: string }[]; versioned: unknown[] };
    expect(result.registered).toBe(1000);
    expect(result.versioned).toEqual([]);
    expect(result.products.map((p) => p.name).sort()).toEqual([...ids].sort());
    expect(result.products[0].href).toBe(`/products/${domain}/${result.products[0].name}`);
    // Each entry names its document, so a client can tell which file became which product.
    const byDocument = result.products as unknown as { document: number; name: string }[];
    expect(byDocument.every((p) => p.name === ids[p.document])).toBe(true);
    const stored = await db.dataProduct.findMany({ where: { contractId: { in: ids } }, select: { complianceStatus: true } });
    expect(stored).toHaveLength(1000);
    expect(stored.filter((p) => p.complianceStatus === "unknown")).toEqual([]);
    expect(await db.dataProductDataset.count({ where: { product: { contractId: { in: ids } } } })).toBe(2000);
    // Nested properties are rows too: 5 + 2 in orders, 5 + 1 in line_items.
    expect(await db.dataProductProperty.count({ where: { product: { contractId: { in: ids } } } })).toBe(13_000);
  }, 180_000);

  it("fills domain and owner from the query; answers 200 when every document becomes a version", async () => {
    const ids = [`fill-${uid()}`, `fill-${uid()}`];
    const query = `domain=${domain}&owner=${encodeURIComponent(owner.email)}`;
    const first = await post(
      ids.map((id, i) => text(ordersContract(id), i)),
      { query },
    );
    expect(first.status, first.text.slice(0, 500)).toBe(201);
    expect(first.json()).toMatchObject({ registered: 2, products: [{ domain }, { domain }] });
    const again = await post(
      ids.map((id, i) => text(ordersContract(id, { version: "1.1.0" }), i)),
      { query },
    );
    expect(again.status, again.text.slice(0, 500)).toBe(200);
    expect(again.json()).toMatchObject({
      registered: 0,
      products: [],
      versioned: ids.map((name, document) => ({
        document,
        action: "versioned",
        domain,
        name,
        version: "1.1.0",
        status: expect.stringMatching(/^(passing|warnings|failing)$/),
        href: `/products/${domain}/${name}`,
      })),
    });
  });

  it("reports a refused version beside what was saved, and saves nothing of it", async () => {
    const existing = `older-${uid()}`;
    const same = `same-${uid()}`;
    const first = await post([
      text(ordersContract(existing, { domain, owner: owner.email, version: "2.0.0" }), 0),
      text(ordersContract(same, { domain, owner: owner.email }), 1),
    ]);
    expect(first.status).toBe(201);
    // An older version than the stored one (the single route answers 400), the other again, and a new product.
    const fresh = `fresh-${uid()}`;
    const r = await post([
      text(ordersContract(existing, { domain, owner: owner.email, version: "1.0.0" }), 0),
      text(ordersContract(same, { domain, owner: owner.email }), 1),
      text(ordersContract(fresh, { domain, owner: owner.email }), 0),
    ]);
    expect(r.status, r.text.slice(0, 500)).toBe(201);
    const body = r.json() as {
      registered: number;
      products: { name: string; document: number }[];
      versioned: unknown[];
      refused: { document: number; name: string; status: number; message: string }[];
    };
    expect(body.registered).toBe(1);
    expect(body.products).toMatchObject([{ name: fresh, document: 2 }]);
    expect(body.versioned).toMatchObject([{ document: 1, name: same }]);
    expect(body.refused).toMatchObject([{ document: 0, name: existing, status: 400 }]);
    expect(body.refused[0].message).not.toBe("");
    const stored = await db.dataProduct.findFirstOrThrow({
      where: { name: existing, domain: { slug: domain } },
      select: { currentVersion: true },
    });
    expect(stored.currentVersion).toBe("2.0.0");
  });

  it("refuses the whole batch for a bad document at index 7, naming it, and writes nothing", async () => {
    const before = await productsOf(domain);
    const documents = Array.from({ length: 10 }, (_, i) => ordersContract(`bad-${i}-${uid()}`, { domain, owner: owner.email }));
    (documents[7].schema as { properties: { logicalType: string }[] }[])[1].properties[3].logicalType = "quantity";
    const r = await post(documents.map(text));
    expect(r.status).toBe(400);
    const fields = Object.keys(r.json().errors as object);
    expect(fields.length).toBeGreaterThan(0);
    expect(
      fields.every((f) => f.startsWith("documents[7]")),
      fields.join(", "),
    ).toBe(true);
    expect(await productsOf(domain)).toBe(before);
  });

  it("refuses a token limited to another domain and a read-only token (403), writing nothing", async () => {
    const before = await productsOf(domain);
    const documents = [0, 1].map((i) => text(ordersContract(`denied-${uid()}`, { domain, owner: owner.email }), i));
    const limited = await post(documents, { token: tokens.otherDomain });
    expect(limited.status).toBe(403);
    expect(limited.json().detail).toMatch(/limited to the domains/);
    const readOnly = await post(documents, { token: tokens.readOnly });
    expect(readOnly.status).toBe(403);
    expect(readOnly.json().detail).toMatch(/no write scope/);
    // A batch touching both domains is refused as a whole too.
    const mixed = await post([...documents, text(ordersContract(`mixed-${uid()}`, { domain: otherDomain, owner: owner.email }), 0)], {
      token: tokens.otherDomain,
    });
    expect(mixed.status).toBe(403);
    expect(await productsOf(domain)).toBe(before);
    expect(await productsOf(otherDomain)).toBe(0);
  });

  it("answers 413 naming body over 16 MB (declared or sent), and 400 naming documents for 1,001 or none", async () => {
    const one = text(ordersContract(`big-${uid()}`, { domain, owner: owner.email }), 0);
    const huge = JSON.stringify({ documents: Array.from({ length: Math.ceil(17e6 / one.length) }, () => one) });
    const sent = await call("POST", BATCH, { token: tokens.writer, body: huge });
    expect(sent.status).toBe(413);
    expect(Object.keys(sent.json().errors as object)).toEqual(["body"]);
    const declared = await call("POST", BATCH, {
      token: tokens.writer,
      body: JSON.stringify({ documents: [one] }),
      headers: { "content-length": String(17 * 1024 * 1024) },
    });
    expect(declared.status).toBe(413);
    const tooMany = await post(Array.from({ length: 1001 }, () => one));
    expect(tooMany.status).toBe(400);
    expect(Object.keys(tooMany.json().errors as object)).toEqual(["documents"]);
    expect((await post([])).status).toBe(400);
    const notText = await post([one, 7]);
    expect(notText.status).toBe(400);
    expect(Object.keys(notText.json().errors as object)).toEqual(["documents[1]"]);
    expect((await call("POST", BATCH, { token: tokens.writer, body: "{" })).status).toBe(400);
  });
});
