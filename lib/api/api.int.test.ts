// REST API v1 over its route handlers, on the real PostgreSQL: every answer is checked against the OpenAPI
// document (status documented, body valid against the schema), and a route file whose method the document
// lacks fails. Tokens (expired, revoked, garbage → 401; scopes → 403; rate limit → 429 + Retry-After),
// cursor reads with filters/sort/fields in JSON, NDJSON and CSV, bad parameters → 400 naming them.
import { readdirSync } from "node:fs";
import { parse } from "yaml";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db, portalDatabase } from "@/lib/db";
import { createPrincipal, uid } from "@/prisma/seed/factories";
import { dropTestRoles, ensurePlatformReferenceData, ownedProduct, withClient, type Fixture } from "@/tests/provisioning-fixtures";
import { importProduct } from "@/lib/products/import-product";
import { deprovisionProduct } from "@/lib/provisioning/deprovision-product";
import { quoteIdent, roleNameFor } from "@/lib/provisioning/naming";
import { runAccessControl } from "@/lib/governance/compliance/monitor/access.db";
import { provisionProduct } from "@/lib/provisioning/provision-product";
import { runProvisioningJob } from "@/lib/provisioning/run-job";
import { ingestJson } from "@/lib/ingestion/ingest";
import { stopQueue } from "@/lib/jobs/queue";
import { toProductYaml } from "@/lib/products/yaml";
import { saveProductVersion } from "@/lib/products/save-version";
import { provisioned } from "@/tests/provisioning-fixtures";
import { createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import type { CurrentUser } from "@/lib/auth/current-user";
import { OPERATIONS } from "./openapi";
import { call, handlerForPath, ORIGIN } from "@/tests/api-client";
import { productDto } from "./dto";
import { getProduct } from "@/lib/products/queries";
import { flushAuditBatch } from "@/lib/audit/writer";
import { schemaProblem } from "@/lib/products/contract/validate";
import { allowOptions, methodNotAllowed } from "./unserved";
import type { Problem } from "./problem";

// No browser session here (next-auth needs a Next request): these calls authenticate with tokens.
vi.mock("@/lib/auth/auth", () => ({ auth: async () => null }));

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const ROWS = 2500;

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

// ---- fixtures ------------------------------------------------------------------------------------------
let f: Fixture;
let secret: Fixture;
let consumer: CurrentUser;
let admin: CurrentUser;
const tokens: Record<string, string> = {};

async function token(user: CurrentUser, input: Record<string, unknown>): Promise<string> {
  return (await createApiToken(user, { name: "test", scopes: ["read"], expiresInDays: 30, ...input })).secret;
}

beforeAll(async () => {
  await ensurePlatformReferenceData();
  f = await ownedProduct({
    schema: [
      { name: "id", type: "string", description: "Identifier", required: true, pii: false },
      { name: "qty", type: "integer", description: "Quantity", required: true, pii: false },
      { name: "country", type: "string", description: "Country", required: false, pii: false },
      { name: "shipped_on", type: "date", description: "Ship date", required: false, pii: false },
    ],
  });
  const { jobId } = await provisionProduct(f.owner, { domain: f.domain, name: f.spec.name });
  expect(await runProvisioningJob(jobId)).toBe("completed");
  const rows = Array.from({ length: ROWS }, (_, i) => ({
    id: `r-${String(i).padStart(5, "0")}`,
    qty: i % 50,
    country: i % 10 === 0 ? null : ["DE", "FR", "NL"][i % 3],
    shipped_on: `2026-01-${String((i % 28) + 1).padStart(2, "0")}`,
  }));
  const loaded = await ingestJson(f.owner, { domain: f.domain, name: f.spec.name, environment: "staging" }, rows, 100_000);
  expect(loaded.rowsLoaded).toBe(ROWS);
  secret = await ownedProduct({ classification: "confidential" });
  consumer = await createPrincipal(["data_consumer"]);
  admin = await createPrincipal(["data_admin"]);
  tokens.owner = await token(f.owner, { scopes: ["read", "write"] });
  tokens.consumer = await token(consumer, {});
  tokens.admin = await token(admin, { scopes: ["read", "write"] });
  tokens.otherDomain = await token(consumer, { domains: [secret.domain] });
  tokens.expired = await token(consumer, {});
  const expiredRow = await db.apiToken.findFirstOrThrow({ where: { userId: consumer.id }, orderBy: { createdAt: "desc" } });
  await db.apiToken.update({ where: { id: expiredRow.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
  tokens.revoked = await token(consumer, {});
  const revokedRow = await db.apiToken.findFirstOrThrow({ where: { userId: consumer.id }, orderBy: { createdAt: "desc" } });
  await revokeApiToken(consumer, revokedRow.id);
  tokens.limited = await token(consumer, { rateLimit: 3 });
}, 240_000);

afterAll(async () => {
  await dropTestRoles();
  await stopQueue();
});

const data = "/api/v1/products/{domain}/{name}/data";

/** A method sent to a concrete path, answered by the route file Next would pick. */
async function handlerFor(method: string, pathname: string): Promise<Response> {
  const { handlers, params } = await handlerForPath(pathname);
  return handlers[method](new Request(`${ORIGIN}${pathname}`, { method }), { params: Promise.resolve(params) });
}
const p = () => ({ domain: f.domain, name: f.spec.name });

describe("the OpenAPI document", () => {
  it("lists every route handler under app/api/v1", async () => {
    const missing: string[] = [];
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
    for (const file of walk(path.join(ROOT, "app", "api", "v1")).filter((x) => x.endsWith("route.ts"))) {
      const template =
        "/" +
        path
          .relative(path.join(ROOT, "app"), path.dirname(file))
          .split(path.sep)
          .join("/")
          .replace(/\[(\w+)\]/g, "{$1}");
      const mod = (await import(file)) as Record<string, unknown>;
      for (const m of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
        const handler = mod[m];
        // The shared answers for unserved methods and unknown paths are not operations.
        if (handler === methodNotAllowed || handler === allowOptions) continue;
        if (typeof handler === "function" && !OPERATIONS[template]?.[m.toLowerCase() as "get"]) missing.push(`${m} ${template}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("answers a method an address does not serve with 405 and Allow (OPTIONS: the same Allow), and an unknown path with 404, as problem+json", async () => {
    const answer = async (method: string, pathname: string) => {
      const r = await handlerFor(method, pathname);
      return { status: r.status, allow: r.headers.get("allow"), type: r.headers.get("content-type"), body: (await r.json()) as Problem };
    };
    expect(await answer("DELETE", "/api/v1/products")).toMatchObject({
      status: 405,
      allow: "GET, HEAD, POST, OPTIONS",
      type: "application/problem+json",
      body: { status: 405, detail: "DELETE is not served at this address; it answers GET and POST." },
    });
    expect(await answer("GET", "/api/v1/products/batch")).toMatchObject({ status: 405, allow: "POST, OPTIONS" });
    expect(await answer("PUT", `/api/v1/products/${f.domain}/${f.spec.name}/data`)).toMatchObject({
      status: 405,
      allow: "GET, HEAD, OPTIONS",
    });
    expect(await answer("GET", "/api/v1/access-requests/123/decision")).toMatchObject({ status: 405, allow: "POST, OPTIONS" });
    const options = await handlerFor("OPTIONS", `/api/v1/products/${f.domain}/${f.spec.name}/lifecycle`);
    expect([options.status, options.headers.get("allow")]).toEqual([204, "POST, OPTIONS"]);
    expect(await answer("GET", "/api/v1/nope/deeper")).toMatchObject({
      status: 404,
      allow: null,
      type: "application/problem+json",
      body: { detail: "REST API v1 has no such endpoint: see /api/v1/openapi.json." },
    });
  });

  it("is served at /api/v1/openapi.json as OpenAPI 3.1", async () => {
    const r = await call("GET", "/api/v1/openapi.json");
    expect(r.status).toBe(200);
    expect(r.json().openapi).toBe("3.1.0");
  });
});

describe("tokens", () => {
  it("answers 401 problem+json for an expired, a revoked, an unknown and a malformed token, and without any", async () => {
    for (const t of [tokens.expired, tokens.revoked, `mp_${"x".repeat(43)}`]) {
      const r = await call("GET", "/api/v1/domains", { token: t });
      expect(r.status).toBe(401);
      expect(r.json().detail).toMatch(/invalid, expired or revoked/);
    }
    expect((await call("GET", "/api/v1/domains", { headers: { authorization: "Bearer nope" } })).status).toBe(401);
    expect((await call("GET", "/api/v1/domains")).status).toBe(401);
    const denials = await db.auditEvent.findMany({ where: { action: "api_token:use", decision: "deny" }, select: { reason: true } });
    expect(denials.map((d) => d.reason)).toEqual(expect.arrayContaining(["The API token expired.", "The API token was revoked."]));
  });

  it("stores only a hash, stamps the last use and audits every use", async () => {
    const rows = await db.apiToken.findMany({ where: { userId: f.owner.id } });
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.hash) && !tokens.owner.includes(r.hash))).toBe(true);
    await call("GET", "/api/v1/domains", { token: tokens.owner });
    const row = await db.apiToken.findFirstOrThrow({ where: { userId: f.owner.id } });
    expect(row.lastUsedAt).not.toBeNull();
    await expect
      .poll(() => db.auditEvent.count({ where: { action: "api_token:use", decision: "allow", subject: f.owner.email } }))
      .toBeGreaterThan(0);
  });

  it("relaxes the commit of its own bookkeeping only: every pooled connection still commits durably afterwards", async () => {
    // The token statement turns synchronous_commit off for its own transaction (set_config(…, true)); were it to
    // leak into the session, every later write on that pooled connection would skip its WAL flush.
    await Promise.all(Array.from({ length: 20 }, () => call("GET", "/api/v1/domains", { token: tokens.owner })));
    const settings = await Promise.all(
      Array.from(
        { length: 20 },
        () => db.$queryRaw<{ s: string }[]>`SELECT current_setting('synchronous_commit') AS s FROM (SELECT pg_sleep(0.01)) AS pause`,
      ),
    );
    expect(settings.map((r) => r[0].s)).toEqual(Array(20).fill("on"));
  });

  it("answers 429 with Retry-After past the token's rate limit", async () => {
    for (let i = 0; i < 3; i++) expect((await call("GET", "/api/v1/domains", { token: tokens.limited })).status).toBe(200);
    const r = await call("GET", "/api/v1/domains", { token: tokens.limited });
    expect(r.status).toBe(429);
    expect(Number(r.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  });

  it("counts requests in leases shared by every instance, and still reads the token on every request", async () => {
    // Each portal process keeps its leases in this map; swapping its contents plays two processes.
    const store = (globalThis as unknown as { meshportTokenLeases: Map<string, unknown> }).meshportTokenLeases;
    const instances = [new Map<string, unknown>(), new Map<string, unknown>()];
    const on = async (i: number) => {
      store.clear();
      for (const [k, v] of instances[i]) store.set(k, v);
      const r = await call("GET", "/api/v1/domains", { token: leased });
      instances[i] = new Map(store);
      return r.status;
    };
    const leased = await token(consumer, { rateLimit: 300 }); // 1 % of the limit: leases of 3 requests
    const row = () => db.apiToken.findFirstOrThrow({ where: { userId: consumer.id }, orderBy: { createdAt: "desc" } });
    expect(await on(0)).toBe(200);
    expect(await row()).toMatchObject({ rateCount: 3, lastUsedAt: expect.any(Date) });
    expect([await on(0), await on(0)]).toEqual([200, 200]); // spent from the lease: nothing written
    expect((await row()).rateCount).toBe(3);
    expect(await on(1)).toBe(200); // the other instance takes its own lease from the same counter
    expect((await row()).rateCount).toBe(6);
    // Alternating, the two instances together get exactly the limit in this minute, not the limit each.
    // 4 requests are counted already and instance 1 holds 2 of them unspent: 296 more succeed.
    const minute = (await row()).rateWindow?.getTime();
    const statuses: number[] = [];
    for (let i = 0; i < 300; i++) statuses.push(await on(i % 2));
    // (Were the minute to turn during the loop, a new lease would have opened a new window: nothing to assert.)
    if ((await row()).rateWindow?.getTime() === minute) {
      expect(statuses.filter((s) => s === 200).length).toBe(296);
      expect(statuses.at(-1)).toBe(429);
    }
    // A revocation ends access at once, however many leased requests an instance still holds.
    const other = await token(consumer, { rateLimit: 5000 });
    const call1 = await call("GET", "/api/v1/domains", { token: other });
    expect(call1.status).toBe(200);
    const otherRow = await db.apiToken.findFirstOrThrow({ where: { userId: consumer.id }, orderBy: { createdAt: "desc" } });
    await revokeApiToken(consumer, otherRow.id);
    expect((await call("GET", "/api/v1/domains", { token: other })).status).toBe(401);
  });

  it("answers with its correlation id and writes it on every audit row of the request (proxy.ts skips /api/v1)", async () => {
    const body = toProductYaml(sampleOf(f.domain));
    const given = `test-rid-${Date.now()}`;
    const r = await call("POST", "/api/v1/products", { token: tokens.consumer, body, headers: { "x-request-id": given } });
    expect(r.status).toBe(403);
    expect(r.headers.get("x-request-id")).toBe(given);
    // A minted id when none (or one of another shape) is sent: the token's use and the refusal share it.
    const minted = await call("POST", "/api/v1/products", { token: tokens.consumer, body, headers: { "x-request-id": "<b>x</b>" } });
    const id = minted.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await flushAuditBatch();
    for (const rid of [given, id!]) {
      const rows = await db.auditEvent.findMany({ where: { requestId: rid }, select: { action: true, decision: true } });
      expect(rows).toEqual(
        expect.arrayContaining([
          { action: "api_token:use", decision: "allow" },
          { action: "api_token:write", decision: "deny" },
        ]),
      );
    }
  });

  it("refuses writes to a read-only token (403, audited)", async () => {
    const r = await call("POST", "/api/v1/products", { token: tokens.consumer, body: toProductYaml(sampleOf(f.domain)) });
    expect(r.status).toBe(403);
    expect(r.json().detail).toMatch(/no write scope/);
    expect(await db.auditEvent.count({ where: { action: "api_token:write", decision: "deny", subject: consumer.email } })).toBeGreaterThan(
      0,
    );
  });
});

const sampleOf = (domain: string, version = "1.0.0") => ({
  ...f.spec,
  domain,
  owner: `${domain}@company.com`,
  name: "applied-by-api",
  version,
});

describe("products", () => {
  it("lists, gets one and exports its contract as seed YAML, ODCS and ODPS (each valid against its schema)", async () => {
    const list = await call("GET", "/api/v1/products", { token: tokens.consumer, query: `domain=${f.domain}&pageSize=5` });
    expect(list.status).toBe(200);
    // A value the catalog page would drop quietly (and answer everything) is a 400 naming the parameter.
    const wrong = await call("GET", "/api/v1/products", { token: tokens.consumer, query: "classification=secret&clasification=public" });
    expect(wrong.status).toBe(400);
    expect(wrong.json()).toMatchObject({
      detail: "Check the parameters: classification, clasification.",
      errors: { classification: [expect.stringContaining("One of public")], clasification: [expect.stringContaining("Not a parameter")] },
    });
    const one = await call("GET", "/api/v1/products/{domain}/{name}", { token: tokens.consumer, params: p() });
    expect(one.json()).toMatchObject({ name: f.spec.name, domain: f.domain });
    // The lean catalog-entry lookup answers exactly what the product page's full read would give the same DTO.
    const full = await getProduct(f.domain, f.spec.name);
    expect(one.json()).toEqual(JSON.parse(JSON.stringify(productDto(full!))));
    expect((one.json() as { schema: unknown[] }).schema).toHaveLength(f.spec.schema.length);
    expect(
      (await call("GET", "/api/v1/products/{domain}/{name}", { token: tokens.consumer, params: { ...p(), name: "nope" } })).status,
    ).toBe(404);
    const yaml = await call("GET", "/api/v1/products/{domain}/{name}/contract", {
      token: tokens.consumer,
      params: p(),
      query: "format=odcs",
    });
    expect(yaml.text).toContain("kind: DataContract");
    expect(schemaProblem("odcs-v3.1.0", parse(yaml.text))).toBeNull();
    const odps = await call("GET", "/api/v1/products/{domain}/{name}/contract", {
      token: tokens.consumer,
      params: p(),
      query: "format=odps",
    });
    expect(odps.status).toBe(200);
    expect(schemaProblem("odps-v1.0.0", parse(odps.text))).toBeNull();
    expect(parse(odps.text)).toMatchObject({ kind: "DataProduct", name: f.spec.name, outputPorts: [expect.objectContaining({})] });
    expect(
      (await call("GET", "/api/v1/products/{domain}/{name}/contract", { token: tokens.consumer, params: p(), query: "format=x" })).status,
    ).toBe(400);
  });

  it("applies a spec (201 registered, then 200 versioned) with findings; validates without writing; moves the lifecycle", async () => {
    const first = await call("POST", "/api/v1/products", { token: tokens.owner, body: toProductYaml(sampleOf(f.domain)) });
    expect(first.status).toBe(201);
    expect(first.json()).toMatchObject({ action: "registered", name: "applied-by-api", version: "1.0.0" });
    const dry = await call("POST", "/api/v1/products/validate", {
      token: tokens.consumer,
      body: toProductYaml(sampleOf(f.domain, "1.1.0")),
    });
    expect(dry.json()).toMatchObject({ action: "validated", version: "1.1.0" });
    expect(await db.dataProductVersion.count({ where: { product: { name: "applied-by-api" } } })).toBe(1);
    const second = await call("POST", "/api/v1/products", { token: tokens.owner, body: toProductYaml(sampleOf(f.domain, "1.1.0")) });
    expect(second.status).toBe(200);
    expect(second.json().action).toBe("versioned");
    const bad = await call("POST", "/api/v1/products", { token: tokens.owner, body: "kind: DataProduct\napiVersion: v1\nmetadata: {}\n" });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json().errors as object).length).toBeGreaterThan(0);
    // A contract whose apiVersion is a mapping that cannot become text (it used to throw: a 500).
    const hostile = await call("POST", "/api/v1/products", {
      token: tokens.owner,
      body: 'kind: DataContract\napiVersion: { toString: "" }\nid: x\nversion: 1.0.0\nstatus: active\n',
    });
    expect(hostile.status).toBe(400);
    expect(JSON.stringify(hostile.json())).toContain("Not valid ODCS a mapping");
    const moved = await call("POST", "/api/v1/products/{domain}/{name}/lifecycle", {
      token: tokens.owner,
      params: { domain: f.domain, name: "applied-by-api" },
      body: JSON.stringify({ to: "in_review" }),
    });
    expect(moved.json()).toMatchObject({ lifecycle: "in_review" });
    const wrong = await call("POST", "/api/v1/products/{domain}/{name}/lifecycle", {
      token: tokens.owner,
      params: { domain: f.domain, name: "applied-by-api" },
      body: JSON.stringify({ to: "retired" }),
    });
    expect(wrong.status).toBe(400);
  });
});

describe("domains", () => {
  it("lists and gets domains; only data admins create and update them", async () => {
    expect((await call("GET", "/api/v1/domains", { token: tokens.consumer })).status).toBe(200);
    expect((await call("GET", "/api/v1/domains/{domain}", { token: tokens.consumer, params: { domain: f.domain } })).json().slug).toBe(
      f.domain,
    );
    expect((await call("GET", "/api/v1/domains/{domain}", { token: tokens.consumer, params: { domain: "no-such" } })).status).toBe(404);
    const slug = `api-${Date.now().toString(36)}`;
    const body = JSON.stringify({ slug, name: "API made", ownerTeam: "team@company.com" });
    expect((await call("POST", "/api/v1/domains", { token: tokens.owner, body })).status).toBe(403);
    expect((await call("POST", "/api/v1/domains", { token: tokens.admin, body })).status).toBe(201);
    expect((await call("POST", "/api/v1/domains", { token: tokens.admin, body })).status).toBe(409);
    const patched = await call("PATCH", "/api/v1/domains/{domain}", {
      token: tokens.admin,
      params: { domain: slug },
      body: JSON.stringify({ description: "as code" }),
    });
    expect(patched.json()).toMatchObject({ description: "as code", name: "API made" });
    expect((await call("POST", "/api/v1/domains", { token: tokens.admin, body: "{" })).status).toBe(400);
  });
});

describe("data", () => {
  it("walks every row with the cursor, in order, without duplicates", async () => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const r = await call("GET", data, {
        token: tokens.consumer,
        params: p(),
        query: `env=staging&limit=1000&fields=id${cursor ? `&cursor=${cursor}` : ""}`,
      });
      const body = r.json() as { items: { id: string }[]; nextCursor: string | null; columns: string[] };
      expect(body.columns).toEqual(["id"]);
      ids.push(...body.items.map((x) => x.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(ids.length).toBe(ROWS);
    expect(new Set(ids).size).toBe(ROWS);
    expect([...ids].sort()).toEqual(ids);
  });

  it("the older offset read (/api/data, the address a deployment shows) takes the same tokens and their domain limit", async () => {
    const older = (await import(path.join(ROOT, "app/api/data/[domain]/[product]/route.ts"))) as { GET: Handler };
    const get = (secret: string | null) =>
      older.GET(
        new Request(`${ORIGIN}/api/data/${f.domain}/${f.spec.name}?env=staging&limit=1000&offset=2000`, {
          headers: secret ? { authorization: `Bearer ${secret}` } : {},
        }),
        { params: Promise.resolve({ domain: f.domain, product: f.spec.name }) },
      );
    const ok = await get(tokens.consumer);
    expect(ok.status).toBe(200);
    const page = (await ok.json()) as { rows: { id: string }[]; total: number };
    expect(page.total).toBe(ROWS);
    expect(page.rows.length).toBe(ROWS - 2000);
    expect((await get(tokens.otherDomain)).status).toBe(403);
    expect((await get(tokens.revoked)).status).toBe(401);
    expect((await get(null)).status).toBe(401);
  });

  it("filters (eq, in, range, null) and sorts, across pages", async () => {
    const q = "env=staging&filter.country=in:DE,FR&filter.qty=gte:10&filter.qty=lt:12&sort=-shipped_on,qty&limit=7";
    const rows: { qty: number; country: string; shipped_on: string }[] = [];
    let cursor: string | null = null;
    do {
      const body = (
        await call("GET", data, { token: tokens.consumer, params: p(), query: q + (cursor ? `&cursor=${cursor}` : "") })
      ).json() as {
        items: typeof rows;
        nextCursor: string | null;
      };
      rows.push(...body.items);
      cursor = body.nextCursor;
    } while (cursor);
    const expected = Array.from({ length: ROWS }, (_, i) => i).filter(
      (i) => i % 10 !== 0 && ["DE", "FR"].includes(["DE", "FR", "NL"][i % 3]) && i % 50 >= 10 && i % 50 < 12,
    );
    expect(rows.length).toBe(expected.length);
    expect(rows.every((r) => ["DE", "FR"].includes(r.country) && r.qty >= 10 && r.qty < 12)).toBe(true);
    expect(rows.map((r) => r.shipped_on)).toEqual([...rows.map((r) => r.shipped_on)].sort().reverse());
    const nulls = (
      await call("GET", data, { token: tokens.consumer, params: p(), query: "env=staging&filter.country=null:true&limit=1000" })
    ).json();
    expect((nulls.items as unknown[]).length).toBe(ROWS / 10);
    const eq = (await call("GET", data, { token: tokens.consumer, params: p(), query: "env=staging&filter.id=eq:r-00042" })).json();
    expect(eq.items).toEqual([expect.objectContaining({ id: "r-00042", qty: 42 })]);
  });

  it("streams NDJSON and CSV with a Link to the next page", async () => {
    const nd = await call("GET", data, { token: tokens.consumer, params: p(), query: "env=staging&limit=3&format=ndjson" });
    expect(
      nd.text
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as { id: string }),
    ).toHaveLength(3);
    expect(nd.headers.get("link")).toMatch(/cursor=.*rel="next"/);
    const csv = await call("GET", data, {
      token: tokens.consumer,
      params: p(),
      query: "env=staging&limit=2&fields=id,qty",
      headers: { accept: "text/csv" },
    });
    expect(csv.text).toBe("id,qty\r\nr-00000,0\r\nr-00001,1\r\n");
  });

  it("answers 400 naming the parameter for malformed filters, unknown fields and oversized pages", async () => {
    const cases: [string, string][] = [
      ["filter.qty=gte:ten", "filter.qty"],
      ["filter.qty=about:3", "filter.qty"],
      ["filter.nope=eq:1", "filter.nope"],
      ["fields=id,nope", "fields"],
      ["sort=nope", "sort"],
      ["limit=5000", "limit"],
      ["cursor=%%%", "cursor"],
      ["colour=red", "colour"],
      ["format=xml", "format"],
    ];
    for (const [query, param] of cases) {
      const r = await call("GET", data, { token: tokens.consumer, params: p(), query: `env=staging&${query}` });
      expect(r.status, query).toBe(400);
      expect(Object.keys(r.json().errors as object), query).toEqual([param]);
    }
  });

  it("answers 403 with the reason, and audits it, without a grant or outside the token's domains", async () => {
    const r = await call("GET", data, {
      token: tokens.consumer,
      params: { domain: secret.domain, name: secret.spec.name },
      query: "env=staging",
    });
    expect(r.status).toBe(403);
    expect(r.json().detail).toMatch(/confidential/i);
    const limited = await call("GET", data, { token: tokens.otherDomain, params: p(), query: "env=staging" });
    expect(limited.status).toBe(403);
    expect(limited.json().detail).toMatch(/limited to the domains/);
    expect(
      await db.auditEvent.count({ where: { subject: consumer.email, decision: "deny", resource: { contains: secret.domain } } }),
    ).toBeGreaterThan(0);
  });
});

describe("older major versions", () => {
  it("reads the table kept after a breaking change with ?version=<major>, and 404s for one that was never kept", async () => {
    const v2 = { ...f.spec, version: "2.0.0", schema: f.spec.schema.filter((x) => x.name !== "country") };
    await saveProductVersion(f.owner, { domain: f.domain, name: f.spec.name, spec: v2, changeNote: "country moves out" });
    await provisioned(f);
    const now = (await call("GET", data, { token: tokens.consumer, params: p(), query: "env=staging&limit=5" })).json();
    expect(now).toMatchObject({ version: "2.0.0", items: [] });
    expect(now.columns).not.toContain("country");
    const old = (
      await call("GET", data, { token: tokens.consumer, params: p(), query: "env=staging&version=1&limit=5&filter.country=eq:FR" })
    ).json();
    expect(old.version, JSON.stringify(old).slice(0, 300)).toBe("1.0.0");
    expect((old.items as { country: string }[]).map((r) => r.country)).toEqual(["FR", "FR", "FR", "FR", "FR"]);
    expect((await call("GET", data, { token: tokens.consumer, params: p(), query: "env=staging&version=7" })).status).toBe(404);
    expect((await call("GET", data, { token: tokens.consumer, params: p(), query: "env=staging&version=x" })).status).toBe(400);
  }, 120_000);
});

describe("datasets", () => {
  // An ODCS contract with two datasets: orders (the first, spec.schema) and customers, whose email is PII.
  const contractOf = (id: string, name: string, version: string, countryType: string, classification = "internal") =>
    JSON.stringify({
      apiVersion: "v3.1.0",
      kind: "DataContract",
      id,
      name,
      version,
      status: "active",
      domain: f.domain,
      description: { purpose: "Orders and the customers who placed them" },
      team: { members: [{ username: f.owner.email, role: "owner" }] },
      roles: [
        { role: "data_consumer", access: "read" },
        { role: "data_producer", access: "read-write" },
      ],
      customProperties: [
        { property: "classification", value: classification },
        { property: "governance", value: { encryption: true, retention: "1_year", purpose: "Order analytics", erasure: true } },
      ],
      schema: [
        {
          name: "orders",
          physicalType: "table",
          properties: [
            { name: "order_id", logicalType: "string", primaryKey: true, required: true },
            { name: "amount", logicalType: "number" },
          ],
        },
        {
          name: "customers",
          physicalType: "table",
          properties: [
            { name: "customer_id", logicalType: "string", primaryKey: true, required: true },
            { name: "email", logicalType: "string", customProperties: [{ property: "pii", value: true }] },
            { name: "country", logicalType: countryType },
          ],
        },
      ],
    });
  const relationsOf = (schema: string) =>
    withClient(async (c) =>
      (
        await c.query<{ r: string }>(
          "SELECT c.relname || ':' || c.relkind::text AS r FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('r','v') ORDER BY c.relname",
          [schema],
        )
      ).rows.map((x) => x.r),
    );
  const selectable = (role: string, relation: string) =>
    withClient(
      async (c) => (await c.query<{ ok: boolean }>("SELECT has_table_privilege($1, $2, 'SELECT') AS ok", [role, relation])).rows[0].ok,
    );

  it("provisions a table, view and masked view per dataset, serves each with ?dataset=, masks PII, and drops them all", async () => {
    const name = `sales-${uid()}`;
    const contractId = `ds-${uid()}`;
    await importProduct(f.owner, contractOf(contractId, name, "1.0.0", "string"), "auto", "", { domain: f.domain, owner: f.owner.email });
    // The API gives the contract back as declared: both datasets, not one derived from the spec.
    const declared = await call("GET", "/api/v1/products/{domain}/{name}/contract", {
      token: tokens.consumer,
      params: { domain: f.domain, name },
      query: "format=odcs",
    });
    expect(parse(declared.text)).toMatchObject({ id: contractId, schema: [{ name: "orders" }, { name: "customers" }] });
    const product = { domain: f.domain, name };
    const { jobId } = await provisionProduct(f.owner, product);
    expect(await runProvisioningJob(jobId)).toBe("completed");
    const deployment = await db.deployment.findFirstOrThrow({ where: { product: { name }, environment: "staging" } });
    const schema = deployment.schemaName!;
    const base = name.replaceAll("-", "_");
    expect(await relationsOf(schema)).toEqual(
      [
        `${base}:v`,
        `${base}__customers:v`,
        `${base}__customers__masked:v`,
        `${base}__customers_v1:r`,
        `${base}__masked:v`,
        `${base}_v1:r`,
      ].sort(),
    );
    // The second dataset's grants are the first's: the consumer role reads its table and views, writes nothing.
    const consumerRole = roleNameFor(schema, "data_consumer", await portalDatabase());
    const producerRole = roleNameFor(schema, "data_producer", await portalDatabase());
    for (const rel of [`${base}__customers_v1`, `${base}__customers`, `${base}__customers__masked`])
      expect(await selectable(consumerRole, `${quoteIdent(schema)}.${quoteIdent(rel)}`), rel).toBe(true);
    const [write] = await withClient(
      async (c) =>
        (
          await c.query<{ consumer: boolean; producer: boolean }>(
            "SELECT has_table_privilege($1, $3, 'INSERT') AS consumer, has_table_privilege($2, $3, 'INSERT') AS producer",
            [consumerRole, producerRole, `${quoteIdent(schema)}.${quoteIdent(`${base}__customers_v1`)}`],
          )
        ).rows,
    );
    expect(write).toEqual({ consumer: false, producer: true });

    // A load into the second dataset lands in its table, not the first's.
    const customers = [
      { customer_id: "c-1", email: "ann@example.com", country: "DE" },
      { customer_id: "c-2", email: "bob@example.com", country: "FR" },
    ];
    const loaded = await ingestJson(f.owner, { ...product, environment: "staging", dataset: "customers" }, customers, 200);
    expect(loaded).toMatchObject({ status: "succeeded", rowsLoaded: 2 });
    await expect(ingestJson(f.owner, { ...product, environment: "staging", dataset: "nope" }, customers, 200)).rejects.toMatchObject({
      fieldErrors: { dataset: [expect.stringContaining("orders, customers")] },
    });

    const read = (token: string, query: string) => call("GET", data, { token, params: product, query: `env=staging&${query}` });
    const first = (await read(tokens.consumer, "")).json();
    expect(first).toMatchObject({ dataset: "orders", columns: ["order_id", "amount", "_loaded_at"], items: [] });
    // A consumer the policy does not clear for PII reads the second dataset's email masked; a member reads it.
    const masked = (await read(tokens.consumer, "dataset=customers&fields=customer_id,email,country&sort=customer_id")).json();
    expect(masked).toMatchObject({
      dataset: "customers",
      masked: ["email"],
      items: [
        { customer_id: "c-1", email: "***", country: "DE" },
        { customer_id: "c-2", email: "***", country: "FR" },
      ],
    });
    const plain = (await read(tokens.owner, "dataset=customers&fields=customer_id,email&sort=customer_id")).json();
    expect(plain).toMatchObject({ masked: [], items: [{ email: "ann@example.com" }, { email: "bob@example.com" }] });
    const unknown = await read(tokens.consumer, "dataset=nope");
    expect(unknown.status).toBe(400);
    expect(Object.keys(unknown.json().errors as object)).toEqual(["dataset"]);

    // A breaking change to the second dataset starts its next table and keeps the old one readable, like the first's.
    await importProduct(f.owner, contractOf(contractId, name, "2.0.0", "integer"), "auto", "country becomes a number", {
      domain: f.domain,
      owner: f.owner.email,
    });
    const again = await provisionProduct(f.owner, product);
    expect(await runProvisioningJob(again.jobId)).toBe("completed");
    expect(await relationsOf(schema)).toContain(`${base}__customers_v2:r`);
    expect(await selectable(consumerRole, `${quoteIdent(schema)}.${quoteIdent(`${base}__customers_v1`)}`)).toBe(true);
    expect((await read(tokens.consumer, "dataset=customers")).json()).toMatchObject({ dataset: "customers", version: "2.0.0", items: [] });
    // The kept table of major 1 is read with ?version=1, with that major's fields and masking.
    const old = (await read(tokens.consumer, "dataset=customers&version=1&sort=customer_id")).json();
    expect(old).toMatchObject({ dataset: "customers", version: "1.0.0", masked: ["email"] });
    expect(old.items).toEqual([
      expect.objectContaining({ customer_id: "c-1", email: "***", country: "DE" }),
      expect.objectContaining({ customer_id: "c-2", email: "***", country: "FR" }),
    ]);
    expect((await read(tokens.consumer, "dataset=customers&version=7")).status).toBe(404);

    const { jobId: dropJob } = await deprovisionProduct(f.owner, { ...product, environment: "staging", reason: "dataset test done" });
    expect(await runProvisioningJob(dropJob)).toBe("completed");
    expect(await relationsOf(schema)).toEqual([]);
    expect(await withClient(async (c) => (await c.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schema])).rowCount)).toBe(0);
  }, 180_000);

  it("gives an access grant's login SELECT on every dataset's masked view, at approval and after provisioning again", async () => {
    const name = `ledger-${uid()}`;
    const contract = contractOf(`ds-${uid()}`, name, "1.0.0", "string", "confidential");
    await importProduct(f.owner, contract, "auto", "", { domain: f.domain, owner: f.owner.email });
    const product = { domain: f.domain, name };
    const { jobId } = await provisionProduct(f.owner, product);
    expect(await runProvisioningJob(jobId)).toBe("completed");
    await ingestJson(
      f.owner,
      { ...product, environment: "staging", dataset: "customers" },
      [{ customer_id: "c-9", email: "eve@example.com" }],
      100,
    );
    await db.dataProduct.updateMany({ where: { name }, data: { lifecycle: "published", publishedAt: new Date() } });
    const read = () =>
      call("GET", data, { token: tokens.consumer, params: product, query: "env=staging&dataset=customers&fields=customer_id,email" });
    expect((await read()).status).toBe(403);

    const writer = await token(consumer, { scopes: ["read", "write"] });
    const asked = await call("POST", "/api/v1/access-requests", {
      token: writer,
      body: JSON.stringify({ ...product, purpose: "Reconcile the ledger's customers each month" }),
    });
    expect(asked.status).toBe(201);
    const decided = await call("POST", "/api/v1/access-requests/{id}/decision", {
      token: tokens.owner,
      params: { id: asked.json().id as string },
      body: JSON.stringify({ decision: "approve" }),
    });
    expect(decided.status).toBe(200);
    const login = (await db.accessGrant.findUniqueOrThrow({ where: { id: decided.json().grantId as string } })).dbRole!;
    const schema = (await db.deployment.findFirstOrThrow({ where: { product: { name }, environment: "staging" } })).schemaName!;
    const base = name.replaceAll("-", "_");
    const rel = (r: string) => `${quoteIdent(schema)}.${quoteIdent(r)}`;

    for (const round of ["approved", "provisioned again"]) {
      expect(await selectable(login, rel(`${base}__customers__masked`)), round).toBe(true);
      expect(await selectable(login, rel(`${base}__customers`)), round).toBe(false);
      expect(await selectable(login, rel(`${base}__customers_v1`)), round).toBe(false);
      // The read API reads as the login: a grant holder always gets PII masked.
      expect((await read()).json(), round).toMatchObject({
        dataset: "customers",
        masked: ["email"],
        items: [{ customer_id: "c-9", email: "***" }],
      });
      const again = await provisionProduct(f.owner, product);
      expect(await runProvisioningJob(again.jobId)).toBe("completed");
    }

    // The compliance monitor expects exactly these privileges on every dataset: none missing, none to revoke,
    // and it takes back one granted by hand on the second dataset's table.
    const productId = (await db.dataProduct.findFirstOrThrow({ where: { name }, select: { id: true } })).id;
    expect(await runAccessControl({ productIds: [productId] })).toMatchObject({ revoked: [], missing: 0, failed: [] });
    const consumerRole = roleNameFor(schema, "data_consumer", await portalDatabase());
    await withClient((c) => c.query(`GRANT DELETE ON TABLE ${rel(`${base}__customers_v1`)} TO ${quoteIdent(consumerRole)}`));
    const report = await runAccessControl({ productIds: [productId] });
    expect(report.revoked.map((r) => `${r.grantee} ${r.relation} ${r.privilege}`)).toEqual([
      `${consumerRole} ${schema}.${base}__customers_v1 DELETE`,
    ]);
  }, 180_000);
});

describe("access requests", () => {
  it("lists mine and the inbox; a request for an unpublished product is refused with the UI's message", async () => {
    expect((await call("GET", "/api/v1/access-requests", { token: tokens.consumer })).status).toBe(200);
    expect((await call("GET", "/api/v1/access-requests", { token: tokens.owner, query: "box=inbox" })).status).toBe(200);
    expect((await call("GET", "/api/v1/access-requests", { token: tokens.owner, query: "box=other" })).status).toBe(400);
    const writer = await token(consumer, { scopes: ["read", "write"] });
    const r = await call("POST", "/api/v1/access-requests", {
      token: writer,
      body: JSON.stringify({ domain: secret.domain, name: secret.spec.name, purpose: "Quarterly churn analysis for the board" }),
    });
    expect(r.status).toBe(400);
    expect(r.json().detail).toBe("Only published products accept access requests.");
    await db.dataProduct.update({ where: { id: secret.productId }, data: { lifecycle: "published" } });
    const ok = await call("POST", "/api/v1/access-requests", {
      token: writer,
      body: JSON.stringify({ domain: secret.domain, name: secret.spec.name, purpose: "Quarterly churn analysis for the board" }),
    });
    expect(ok.status).toBe(201);
    const id = ok.json().id as string;
    const ownerToken = await token(secret.owner, { scopes: ["read", "write"] });
    expect(
      (
        await call("POST", "/api/v1/access-requests/{id}/decision", {
          token: writer,
          params: { id },
          body: JSON.stringify({ decision: "approve" }),
        })
      ).status,
    ).toBe(403);
    const decided = await call("POST", "/api/v1/access-requests/{id}/decision", {
      token: ownerToken,
      params: { id },
      body: JSON.stringify({ decision: "approve" }),
    });
    expect(decided.json()).toMatchObject({ id, status: "approved", grantId: expect.any(String), expiresAt: expect.any(String) });
    expect(
      (
        await call("POST", "/api/v1/access-requests/{id}/decision", {
          token: ownerToken,
          params: { id },
          body: JSON.stringify({ decision: "deny" }),
        })
      ).status,
    ).toBe(409);
  });
});
