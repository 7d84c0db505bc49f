// The audit log at the database: append-only whatever the client tries, and written by the enforcement
// engine and by every permission denial (services' assertCan and actions' authorize share one gate).
import { beforeAll, describe, expect, it, vi } from "vitest";

const session = vi.hoisted(() => ({ uid: null as string | null }));
vi.mock("@/lib/auth/auth", async () => {
  const { createSession } = await import("@/lib/auth/sessions");
  return { auth: async () => (session.uid ? { uid: session.uid, sid: (await createSession(session.uid, 1)).id } : null) };
});

import { db } from "@/lib/db";
import { can } from "@/lib/auth/permissions";
import { authorize } from "@/lib/auth/current-user";
import { ForbiddenError, UnauthenticatedError } from "@/lib/errors";
import { audit } from "@/lib/audit/writer";
import { enforce, invalidatePolicyCache } from "@/lib/governance/enforcement/enforce.db";
import { listAuditEvents } from "@/lib/audit/log";
import { parseAuditQuery } from "@/lib/audit/query";
import { createDomain, createDomainPolicy, createPrincipal, ensureGlobalPolicy, uid } from "@/prisma/seed/factories";
import { GET as exportPolicy } from "@/app/api/governance/policies/export/route";
import { saveCostModel } from "@/lib/metrics/cost-model";
import { createTemplate } from "@/lib/platform/templates";

beforeAll(async () => {
  await ensureGlobalPolicy();
  invalidatePolicyCache();
});

describe("audit_events is append-only", () => {
  it("refuses UPDATE, DELETE and TRUNCATE at the database, whoever asks", async () => {
    const marker = `immutability-${uid()}`;
    const id = await audit({ subject: marker, action: "read", resource: "data_product:x/y", decision: "allow", reason: "test" });
    expect(id).not.toBeNull();

    await expect(db.$executeRawUnsafe(`UPDATE audit_events SET decision = 'deny' WHERE id = ${id}`)).rejects.toThrow(
      /append-only: UPDATE is not allowed/,
    );
    await expect(db.$executeRawUnsafe(`DELETE FROM audit_events WHERE id = ${id}`)).rejects.toThrow(/append-only: DELETE is not allowed/);
    await expect(db.$executeRawUnsafe("TRUNCATE audit_events")).rejects.toThrow(/append-only: TRUNCATE is not allowed/);
    await expect(db.auditEvent.update({ where: { id: BigInt(id!) }, data: { reason: "rewritten" } })).rejects.toThrow();
    await expect(db.auditEvent.deleteMany({ where: { subject: marker } })).rejects.toThrow();

    const row = await db.auditEvent.findUniqueOrThrow({ where: { id: BigInt(id!) } });
    expect(row).toMatchObject({ subject: marker, decision: "allow", reason: "test" });
  });
});

describe("enforce", () => {
  it("decides by the stored policy and records every decision with its policy version", async () => {
    const consumer = await createPrincipal(["data_consumer"]);
    const version = (await db.policy.findFirstOrThrow({ where: { scope: "global" }, select: { version: true } })).version;

    const allowed = await enforce(
      consumer,
      "read",
      { type: "data_product", id: "orders", domain: `d-${uid()}`, classification: "internal" },
      {},
      "req-1",
    );
    const denied = await enforce(consumer, "read", {
      type: "data_product",
      id: "ledger",
      domain: `d-${uid()}`,
      classification: "confidential",
    });

    expect(allowed).toMatchObject({ decision: "allow", policyVersion: String(version) });
    expect(denied).toMatchObject({ decision: "deny", rule: "access_control" });
    const rows = await db.auditEvent.findMany({ where: { subject: consumer.email }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.action, r.decision, r.policyVersion])).toEqual([
      ["read", "allow", version],
      ["read", "deny", version],
    ]);
    expect(rows[0].requestId).toBe("req-1");
    expect(rows[1].reason).toContain("confidential");
  });

  it("denies anonymous subjects by default", async () => {
    const result = await enforce(null, "read", { type: "data_product", id: "orders", classification: "public" });
    expect(result.decision).toBe("deny");
  });
});

describe("authorize", () => {
  it("writes an audit row for a denied check, then throws 403", async () => {
    const consumer = await createPrincipal(["data_consumer"]);
    session.uid = consumer.id;
    const resource = `domain:${(await createDomain()).slug}`;

    const err = await authorize(can.manageDomains, { message: "Only data admins manage domains.", resource }).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(ForbiddenError);
    expect((err as ForbiddenError).message).toBe("Only data admins manage domains.");
    const page = await listAuditEvents(parseAuditQuery({ subject: consumer.email }).filters);
    expect(page.rows).toEqual([expect.objectContaining({ subject: consumer.email, action: "manageDomains", resource, decision: "deny" })]);
  });

  it("lets an allowed check through without an audit row, and audits anonymous callers", async () => {
    const admin = await createPrincipal(["data_admin"]);
    session.uid = admin.id;
    await expect(authorize(can.manageDomains)).resolves.toMatchObject({ id: admin.id });
    expect(await db.auditEvent.count({ where: { subject: admin.email } })).toBe(0);

    session.uid = null;
    const marker = `res-${uid()}`;
    await expect(authorize(can.readAudit, { resource: marker })).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(await db.auditEvent.findMany({ where: { resource: marker }, select: { subject: true, action: true, decision: true } })).toEqual([
      { subject: "anonymous", action: "readAudit", decision: "deny" },
    ]);
  });
});

describe("a service's permission check", () => {
  it("writes exactly one audit row per denial, with subject, action, resource and reason, and changes nothing", async () => {
    const producer = await createPrincipal(["data_producer"]);
    const costModel = await db.setting.findMany({ select: { key: true, value: true } });

    // Valid input: only the permission check stands between it and the settings table.
    await expect(saveCostModel(producer, { currency: "EUR", centralBaselineMonthly: 1, templateMonthly: {} })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(createTemplate(producer, { key: `t-${uid()}` })).rejects.toBeInstanceOf(ForbiddenError);

    const rows = await db.auditEvent.findMany({
      where: { subject: producer.email },
      orderBy: { id: "asc" },
      select: { subject: true, action: true, resource: true, decision: true, reason: true, policyId: true },
    });
    expect(rows).toEqual([
      {
        subject: producer.email,
        action: "save_cost_model",
        resource: "cost_model",
        decision: "deny",
        reason: "data_producer: not permitted (save_cost_model).",
        policyId: "portal-permissions",
      },
      {
        subject: producer.email,
        action: "create",
        resource: "template:new",
        decision: "deny",
        reason: "data_producer: not permitted (create).",
        policyId: "portal-permissions",
      },
    ]);
    expect(await db.setting.findMany({ select: { key: true, value: true } })).toEqual(costModel);
  });

  it("denies and audits when the user is missing (a service called without a signed-in user)", async () => {
    const { assertCan } = await import("@/lib/auth/assert-can");
    const marker = `svc-${uid()}`;
    await expect(assertCan(null, "manageRollout", [], { resource: marker })).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(await db.auditEvent.findMany({ where: { resource: marker }, select: { subject: true, action: true, reason: true } })).toEqual([
      { subject: "anonymous", action: "manageRollout", reason: "Not signed in." },
    ]);
  });
});

describe("policy export", () => {
  const get = (query: string) => exportPolicy(new Request(`http://portal.test/api/governance/policies/export?${query}`));

  it("audits a refused export of the global or a domain policy as export_policy, then answers 403", async () => {
    const consumer = await createPrincipal(["data_consumer"]);
    const { slug } = await createDomain();
    await createDomainPolicy(slug, { data_retention: "3_years" });
    session.uid = consumer.id;

    expect((await get("scope=global")).status).toBe(403);
    expect((await get(`scope=domain&domain=${slug}`)).status).toBe(403);
    const rows = await db.auditEvent.findMany({
      where: { subject: consumer.email },
      orderBy: { id: "asc" },
      select: { action: true, resource: true, decision: true },
    });
    expect(rows).toEqual([
      { action: "export_policy", resource: "policy:global-data-governance", decision: "deny" },
      { action: "export_policy", resource: `policy:${slug}-governance`, decision: "deny" },
    ]);
  });

  it("lets policy readers and domain members export, and answers 401 to anonymous callers", async () => {
    const { slug } = await createDomain();
    await createDomainPolicy(slug, { data_retention: "3_years" });
    session.uid = (await createPrincipal(["governance"])).id;
    expect((await get("scope=global")).status).toBe(200);
    session.uid = (await createPrincipal(["data_consumer"], { [slug]: "producer" })).id;
    const domainExport = await get(`scope=domain&domain=${slug}`);
    expect(domainExport.status).toBe(200);
    expect(await domainExport.text()).toContain("3_years");

    session.uid = null;
    expect((await get("scope=global")).status).toBe(401);
    expect((await get("scope=nonsense")).status).toBe(401);
  });
});

describe("listAuditEvents", () => {
  it("filters and pages newest first by id", async () => {
    const subject = `pager-${uid()}@test.local`;
    for (let i = 0; i < 5; i++)
      await audit({
        subject,
        action: i % 2 ? "write" : "read",
        resource: `data_product:p/${i}`,
        decision: i === 4 ? "deny" : "allow",
        reason: `r${i}`,
      });
    const filters = parseAuditQuery({ subject }).filters;

    const first = await listAuditEvents(filters, {}, 2);
    expect(first.rows.map((r) => r.reason)).toEqual(["r4", "r3"]);
    expect(first).toMatchObject({ hasOlder: true, hasNewer: false });
    const second = await listAuditEvents(filters, { before: BigInt(first.rows[1].id) }, 2);
    expect(second.rows.map((r) => r.reason)).toEqual(["r2", "r1"]);
    const back = await listAuditEvents(filters, { after: BigInt(second.rows[0].id) }, 2);
    expect(back.rows.map((r) => r.reason)).toEqual(["r4", "r3"]);
    expect(back.hasNewer).toBe(false);

    expect((await listAuditEvents(parseAuditQuery({ subject, decision: "deny" }).filters)).rows.map((r) => r.reason)).toEqual(["r4"]);
    expect((await listAuditEvents(parseAuditQuery({ subject, action: "write" }).filters)).rows.map((r) => r.reason)).toEqual(["r3", "r1"]);
    expect((await listAuditEvents(parseAuditQuery({ subject, resource: "P/2" }).filters)).rows.map((r) => r.reason)).toEqual(["r2"]);
    // LIKE wildcards in a filter are text: "_" does not stand for the "/"
    expect((await listAuditEvents(parseAuditQuery({ subject, resource: "p_2" }).filters)).rows).toEqual([]);
    expect((await listAuditEvents(parseAuditQuery({ subject: "%" }).filters)).rows).toEqual([]);
    expect((await listAuditEvents(parseAuditQuery({ subject, to: "2000-01-01" }).filters)).rows).toEqual([]);
  });
});

describe("batched audit rows (an API token's every use)", () => {
  it("writes every row of a burst, each with the time of its decision, in a few statements", async () => {
    const marker = `batched-${uid()}`;
    const before = new Date();
    const { auditBatched } = await import("@/lib/audit/writer");
    // 1,200 rows: more than one batch's worth (500), so both the size and the timer flush are exercised.
    await Promise.all(
      Array.from({ length: 1200 }, (_, i) =>
        auditBatched({
          subject: marker,
          action: "api_token:use",
          resource: "api_token:mp_batch",
          decision: "allow",
          reason: `use ${i}\u0007`,
          policyId: "portal-permissions",
          context: { i },
        }),
      ),
    );
    await expect.poll(() => db.auditEvent.count({ where: { subject: marker } }), { timeout: 5_000 }).toBe(1200);
    const rows = await db.auditEvent.findMany({ where: { subject: marker }, orderBy: { id: "asc" } });
    expect(new Set(rows.map((r) => (r.context as { i: number }).i)).size).toBe(1200);
    expect(rows.every((r) => r.decision === "allow" && r.policyId === "portal-permissions" && r.requestId)).toBe(true);
    // Stored as UTC like every other row, at the decision's time (not the flush's), and cleaned like audit()'s rows.
    expect(rows.every((r) => r.at.getTime() >= before.getTime() - 1 && r.at.getTime() <= Date.now())).toBe(true);
    expect(rows.some((r) => r.reason.includes("\u0007"))).toBe(false);
  });

  it("never throws when a batch cannot be written, and the next batch still lands", async () => {
    const { auditBatched, flushAuditBatch } = await import("@/lib/audit/writer");
    const marker = `batched-bad-${uid()}`;
    // A decision value the database refuses fails the whole statement (it is one INSERT): logged, not thrown.
    await auditBatched({ subject: marker, action: "x", resource: "y", decision: "maybe" as "allow", reason: "bad" });
    await expect(flushAuditBatch()).resolves.toBeUndefined();
    await auditBatched({ subject: marker, action: "x", resource: "y", decision: "deny", reason: "good" });
    await flushAuditBatch();
    expect(await db.auditEvent.findMany({ where: { subject: marker }, select: { reason: true } })).toEqual([{ reason: "good" }]);
  });
});
