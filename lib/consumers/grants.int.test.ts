// Access that ends in data, against the real PostgreSQL: request → approve → read (API path and a real SQL
// login as the grant's role) → revoke or expire → 403 and the login gone; restricted data in two steps;
// masking per role; requests that would change nothing are refused.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/errors";
import type { CurrentUser } from "@/lib/auth/current-user";
import { requestAccess } from "@/lib/consumers/request-access";
import { decideAccessRequest, revokeAccess } from "@/lib/consumers/decide-access";
import { expireGrants } from "@/lib/consumers/expire-grants";
import { issueSqlCredentials } from "@/lib/consumers/sql-credentials";
import { listAccessInbox, listMyAccessRequests, productAccessState, productConsumerView } from "@/lib/consumers/queries";
import { readProductData } from "@/lib/provisioning/read-data";
import { ingestJson } from "@/lib/ingestion/ingest";
import { stopQueue } from "@/lib/jobs/queue";
import { quoteIdent } from "@/lib/provisioning/naming";
import { createDomain, createPrincipal } from "@/prisma/seed/factories";
import {
  dropTestRoles,
  ensurePlatformReferenceData,
  ownedProduct,
  provisioned,
  withClient,
  type Fixture,
} from "@/tests/provisioning-fixtures";
import type { Classification } from "@/lib/products/types";

const ROWS = [
  { id: "c-1", email: "ann@example.com", amount: 10.5 },
  { id: "c-2", email: "bob@example.com", amount: 20 },
  { id: "c-3", email: null, amount: 30 },
];

async function servedProduct(classification: Classification): Promise<Fixture> {
  // Only data admins may write restricted data under the seed policy (and, like anyone, only in their own domain).
  const domain = (await createDomain()).slug;
  const owner = await createPrincipal(classification === "restricted" ? ["data_producer", "data_admin"] : ["data_producer"], {
    [domain]: "owner",
  });
  const f = await ownedProduct(
    {
      classification,
      schema: [
        { name: "id", type: "string", description: "Identifier", required: true, pii: false },
        { name: "email", type: "string", description: "Customer e-mail", required: false, pii: true },
        { name: "amount", type: "number", description: "Amount", required: false, pii: false },
      ],
      access: [
        { role: "data_consumer", permissions: ["read"] },
        { role: "data_producer", permissions: ["read"] },
      ],
      governance: { encryption: true, retention: "1_year", purpose: "Order analytics", erasure: true },
    },
    { domain, owner },
  );
  await provisioned(f);
  await ingestJson(f.owner, { domain: f.domain, name: f.spec.name, environment: "staging" }, ROWS, 200);
  await db.dataProduct.update({ where: { id: f.productId }, data: { lifecycle: "published", publishedAt: new Date() } });
  return f;
}

const read = (user: CurrentUser, f: Fixture) =>
  readProductData(user, { domain: f.domain, name: f.spec.name, environment: "staging", limit: 10, offset: 0 });

/** Connects as a grant's login (over TCP, with its password) and runs one statement. */
async function asLogin(role: string, password: string, sql: string): Promise<unknown[]> {
  const url = new URL(env().DATABASE_URL);
  const client = new pg.Client({
    host: url.hostname,
    port: Number(url.port || 5432),
    database: decodeURIComponent(url.pathname.slice(1)),
    user: role,
    password,
  });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

const roleExists = (role: string) =>
  withClient(async (c) => (await c.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role])).rowCount === 1);

let confidential: Fixture;
let restricted: Fixture;
let consumer: CurrentUser;
let governance: CurrentUser;

beforeAll(async () => {
  await ensurePlatformReferenceData();
  confidential = await servedProduct("confidential");
  restricted = await servedProduct("restricted");
  consumer = await createPrincipal(["data_consumer"]);
  governance = await createPrincipal(["governance"]);
});

afterAll(async () => {
  // Grant logins and deployment roles outlive a dropped test database.
  await dropTestRoles();
  await stopQueue();
});

describe("confidential data: request → owner approves → read over the API and SQL → revoke", () => {
  it("ends in data, masked, and revocation ends the API read and the SQL login at once", async () => {
    await expect(read(consumer, confidential)).rejects.toBeInstanceOf(ForbiddenError);

    const { id } = await requestAccess(consumer, { productId: confidential.productId, purpose: "Churn analysis for Q1" });
    const decided = await decideAccessRequest(confidential.owner, { requestId: id, decision: "approve", days: 7 });
    expect(decided.status).toBe("approved");
    const grant = await db.accessGrant.findUniqueOrThrow({ where: { requestId: id } });
    expect(grant.expiresAt.getTime() - grant.createdAt.getTime()).toBe(7 * 86_400_000);
    expect(grant.dbRole).toMatch(/^mp_grant_[0-9a-f]{24}$/);

    const { page } = await read(consumer, confidential);
    expect(page.access).toBe("grant");
    expect(page.masked).toEqual(["email"]);
    expect(page.rows.map((r) => [r.id, r.email, r.amount])).toEqual([
      ["c-1", "***", 10.5],
      ["c-2", "***", 20],
      ["c-3", null, 30],
    ]);

    // The same grant as a real PostgreSQL privilege: the login reads the masked view, nothing else.
    const creds = await issueSqlCredentials(consumer, { grantId: grant.id });
    expect(creds.role).toBe(grant.dbRole);
    const relation = creds.relations[0].relation;
    const [schema, view] = relation.split(".");
    const rows = await asLogin(creds.role, creds.password, `SELECT id, email FROM ${quoteIdent(schema)}.${quoteIdent(view)} ORDER BY id`);
    expect(rows).toEqual([
      { id: "c-1", email: "***" },
      { id: "c-2", email: "***" },
      { id: "c-3", email: null },
    ]);
    const base = view.replace(/__masked$/, "");
    await expect(asLogin(creds.role, creds.password, `SELECT email FROM ${quoteIdent(schema)}.${quoteIdent(base)}`)).rejects.toThrow(
      /permission denied/,
    );
    // Only the holder gets credentials.
    await expect(issueSqlCredentials(confidential.owner, { grantId: grant.id })).rejects.toBeInstanceOf(ForbiddenError);

    await revokeAccess(confidential.owner, { requestId: id, note: "Project ended" });
    await expect(read(consumer, confidential)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await roleExists(creds.role)).toBe(false);
    await expect(asLogin(creds.role, creds.password, "SELECT 1")).rejects.toThrow();
    expect(await db.accessGrant.findUniqueOrThrow({ where: { id: grant.id } })).toMatchObject({
      endReason: "revoked",
      endNote: "Project ended",
    });
  });

  it("caps the grant at the policy's max_duration", async () => {
    const other = await createPrincipal(["data_consumer"]);
    const { id } = await requestAccess(other, { productId: confidential.productId, purpose: "Forecast model training" });
    const err = await decideAccessRequest(confidential.owner, { requestId: id, decision: "approve", days: 91 }).catch((e: unknown) => e);
    expect((err as ValidationError).fieldErrors?.days).toEqual(["At most 90 days."]);
    expect(await db.accessGrant.count({ where: { requestId: id } })).toBe(0);
    await decideAccessRequest(confidential.owner, { requestId: id, decision: "approve" });
    const grant = await db.accessGrant.findUniqueOrThrow({ where: { requestId: id } });
    expect(grant.expiresAt.getTime() - grant.createdAt.getTime()).toBe(90 * 86_400_000);
    await revokeAccess(confidential.owner, { requestId: id, note: "cleanup" });
  });
});

describe("expiry", () => {
  it("stops reads the instant a grant expires; the sweep ends it, drops the login and tells the consumer", async () => {
    const reader = await createPrincipal(["data_consumer"]);
    const { id } = await requestAccess(reader, { productId: confidential.productId, purpose: "Weekly revenue report" });
    await decideAccessRequest(confidential.owner, { requestId: id, decision: "approve", days: 1 });
    expect((await read(reader, confidential)).page.rows).toHaveLength(3);
    // The database is shared by the integration files: end grants other files left expired, so the count is ours.
    await expireGrants();
    const grant = await db.accessGrant.update({ where: { requestId: id }, data: { expiresAt: new Date(Date.now() - 1000) } });

    // Before the sweep: the read decision itself refuses an expired grant, and "My access" says it has expired.
    await expect(read(reader, confidential)).rejects.toBeInstanceOf(ForbiddenError);
    expect((await listMyAccessRequests(reader.id, { page: 1, pageSize: 10 })).items[0]).toMatchObject({
      status: "expired",
      grant: { endReason: "expired", endedAt: grant.expiresAt.toISOString() },
    });
    // The product page's access card (one statement) says the same as productAccessState.
    const state = (await productAccessState(reader, confidential.productId, false)).latest;
    expect(state).toMatchObject({ status: "expired", grant: { endReason: "expired", endedAt: grant.expiresAt.toISOString() } });
    const view = await productConsumerView(reader, confidential.productId, { decides: false, reviews: 3 });
    expect(view.access.latest).toEqual(state);
    // The owner's inbox lists it under expired, not approved.
    const tab = async (status: "approved" | "expired") =>
      (await listAccessInbox(confidential.owner, { status, page: 1, pageSize: 100 })).items.map((r) => r.id);
    expect(await tab("approved")).not.toContain(id);
    expect(await tab("expired")).toContain(id);

    expect(await expireGrants()).toMatchObject({ expired: 1 });
    expect(await roleExists(grant.dbRole!)).toBe(false);
    const mine = await listMyAccessRequests(reader.id, { page: 1, pageSize: 10 });
    expect(mine.items[0]).toMatchObject({ status: "expired", grant: { endReason: "expired" } });
    const event = await db.auditEvent.findFirst({ where: { action: "access:expire", context: { path: ["grantId"], equals: grant.id } } });
    expect(event?.reason).toContain(reader.email);
    expect(await expireGrants()).toMatchObject({ expired: 0 });
    // Asking again is possible once the grant is over.
    await expect(
      requestAccess(reader, { productId: confidential.productId, purpose: "Weekly revenue report, again" }),
    ).resolves.toBeTruthy();
  });
});

describe("restricted data: the owners, then governance", () => {
  it("needs both approvals before a grant exists", async () => {
    const { id } = await requestAccess(consumer, { productId: restricted.productId, purpose: "Fraud investigation 2026-114" });
    expect(await decideAccessRequest(restricted.owner, { requestId: id, decision: "approve" })).toEqual({ status: "awaiting_governance" });
    await expect(read(consumer, restricted)).rejects.toBeInstanceOf(ForbiddenError);
    // The owners' step is taken; only governance decides now.
    await expect(decideAccessRequest(restricted.owner, { requestId: id, decision: "approve" })).rejects.toBeInstanceOf(ForbiddenError);
    const approved = await decideAccessRequest(governance, { requestId: id, decision: "approve" });
    expect(approved.status).toBe("approved");
    const grant = await db.accessGrant.findUniqueOrThrow({ where: { requestId: id } });
    expect(grant.expiresAt.getTime() - grant.createdAt.getTime()).toBe(30 * 86_400_000);
    expect((await read(consumer, restricted)).page).toMatchObject({ access: "grant", masked: ["email"] });
    await revokeAccess(restricted.owner, { requestId: id, note: "Investigation closed" });
  });

  it("governance cannot take the owners' step", async () => {
    const asker = await createPrincipal(["data_consumer"]);
    const { id } = await requestAccess(asker, { productId: restricted.productId, purpose: "Audit sampling for SOX" });
    await expect(decideAccessRequest(governance, { requestId: id, decision: "approve" })).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("masking per role and requests that change nothing", () => {
  it("domain members read PII; readers outside the domain read it masked", async () => {
    const member = (await read(confidential.owner, confidential)).page;
    expect(member).toMatchObject({ access: "member", masked: [] });
    expect(member.rows[0].email).toBe("ann@example.com");
    // A producer of another domain reads confidential data outright under the seed policy, but not PII.
    const producer = await createPrincipal(["data_producer"]);
    const outside = (await read(producer, confidential)).page;
    expect(outside).toMatchObject({ access: "role", masked: ["email"] });
    expect(outside.rows.map((r) => r.email)).toEqual(["***", "***", null]);
  });

  it("a data admin outside the domain, whom the policy lets read, reads through the product's narrowest read role", async () => {
    // The product declares database roles for data_consumer and data_producer only; the page tells a data admin
    // "you can read this now", and the read must agree (it used to answer "None of your roles…").
    const admin = await createPrincipal(["data_admin"]);
    const page = (await read(admin, confidential)).page;
    expect(page).toMatchObject({ access: "role" });
    expect(page.rows).toHaveLength(3);
  });

  it("refuses requests for data the user reads already or can never be granted", async () => {
    const internal = await ownedProduct({ classification: "internal" });
    await db.dataProduct.update({ where: { id: internal.productId }, data: { lifecycle: "published" } });
    await expect(requestAccess(consumer, { productId: internal.productId, purpose: "I want to read this data" })).rejects.toBeInstanceOf(
      ValidationError,
    );
    const executive = await createPrincipal(["executive"]);
    const never = await requestAccess(executive, { productId: confidential.productId, purpose: "Board deck numbers" }).catch(
      (e: unknown) => e,
    );
    expect(never).toBeInstanceOf(ValidationError);
    expect((never as ValidationError).message).toContain("never grants confidential data");
  });

  it("an approval the policy no longer allows is refused", async () => {
    const asker = await createPrincipal(["data_consumer"]);
    const { id } = await requestAccess(asker, { productId: confidential.productId, purpose: "Pricing analysis for EMEA" });
    await db.user.update({ where: { id: asker.id }, data: { roles: ["executive"] } });
    await expect(decideAccessRequest(confidential.owner, { requestId: id, decision: "approve" })).rejects.toBeInstanceOf(ConflictError);
  });
});
