// Notifications against the real PostgreSQL and pg-boss: each wired event gives the right rows to the
// right people; webhooks reach a real HTTP server in this process, signed (verified here with the Standard
// Webhooks algorithm, written independently of lib/notifications/signing.ts) and retried with backoff;
// e-mails reach a real SMTP server (smtp-server) in this process.
import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, portalDatabase } from "@/lib/db";
import { ruleInputsOf } from "@/lib/governance";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import type { CurrentUser } from "@/lib/auth/current-user";
import { requestAccess } from "@/lib/consumers/request-access";
import { decideAccessRequest } from "@/lib/consumers/decide-access";
import { warnExpiringGrants } from "@/lib/consumers/expire-grants";
import { moveLifecycle } from "@/lib/products/move-lifecycle";
import { saveProductVersion } from "@/lib/products/save-version";
import { recordQualityRun } from "@/lib/quality/record-quality-run";
import { createRevalidationRun } from "@/lib/governance/revalidation/start-run.db";
import { runRevalidation } from "@/lib/governance/revalidation/process-run.db";
import { invalidatePolicyCache } from "@/lib/governance/enforcement/enforce.db";
import { stopQueue } from "@/lib/jobs/queue";
import { createDomain, createPrincipal, ensureGlobalPolicy } from "@/prisma/seed/factories";
import { dropTestRoles, ensurePlatformReferenceData, ownedProduct, withClient, type Fixture } from "@/tests/provisioning-fixtures";
import { provisionProduct } from "@/lib/provisioning/provision-product";
import { runProvisioningJob } from "@/lib/provisioning/run-job";
import { quoteIdent, roleNameFor, schemaNameFor } from "@/lib/provisioning/naming";
import { publishEvent } from "./publish-event";
import { deliverWebhook } from "./deliver-webhook";
import { sendNotificationEmail } from "./send-email";
import { createWebhookSubscription, deleteWebhookSubscription, redeliverWebhook, webhookDeliveryLog } from "./subscriptions";
import { listNotifications, markAllNotificationsRead, markNotificationRead, savePreferences, setFollow, unreadCount } from "./inbox";
import type { DataProductSpec } from "@/lib/products/types";

// ---- an SMTP server in this process (env() is read lazily, so this is in place before the first read) ----
type Mail = { from: string; to: string[]; data: string };
const mails: Mail[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  onData(stream, session, callback) {
    let data = "";
    stream.on("data", (c: Buffer) => (data += c.toString("utf8")));
    stream.on("end", () => {
      mails.push({
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
        to: session.envelope.rcptTo.map((r) => r.address),
        data,
      });
      callback();
    });
  },
});

// ---- an HTTP endpoint that verifies what it receives and answers as told ----
type Received = { headers: http.IncomingHttpHeaders; body: string; verified: boolean };
const received: Received[] = [];
let answers: number[] = [];
let secretForVerify = "";
const hook = http.createServer((req, res) => {
  let body = "";
  req.on("data", (c: Buffer) => (body += c.toString("utf8")));
  req.on("end", () => {
    received.push({ headers: req.headers, body, verified: verifyStandardWebhook(secretForVerify, req.headers, body) });
    res.statusCode = answers.shift() ?? 204;
    res.end();
  });
});
let hookUrl = "";

/** Standard Webhooks verification, as a receiver writes it: HMAC-SHA256 of id.timestamp.body, any v1 signature. */
function verifyStandardWebhook(secret: string, headers: http.IncomingHttpHeaders, body: string): boolean {
  const id = String(headers["webhook-id"] ?? "");
  const ts = String(headers["webhook-timestamp"] ?? "");
  const sigs = String(headers["webhook-signature"] ?? "").split(" ");
  if (!id || !/^\d+$/.test(ts) || Math.abs(Date.now() / 1000 - Number(ts)) > 5 * 60 * 24) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const expected = createHmac("sha256", key).update(`${id}.${ts}.${body}`).digest();
  return sigs.some((s) => {
    const [v, b64] = s.split(",");
    const got = Buffer.from(b64 ?? "", "base64");
    return v === "v1" && got.length === expected.length && timingSafeEqual(got, expected);
  });
}

beforeAll(async () => {
  await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", r));
  process.env.SMTP_HOST = "127.0.0.1";
  process.env.SMTP_PORT = String((smtp.server.address() as AddressInfo).port);
  process.env.SMTP_FROM = "Meshport <notify@meshport.test>";
  await new Promise<void>((r) => hook.listen(0, "127.0.0.1", r));
  hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hooks`;
  await ensureGlobalPolicy();
  await ensurePlatformReferenceData();
  invalidatePolicyCache();
});

afterAll(async () => {
  await dropTestRoles();
  await stopQueue();
  await new Promise<void>((r) => smtp.close(r));
  await new Promise<void>((r) => hook.close(() => r()));
});

async function notifiedOf(type: string, productId?: string): Promise<string[]> {
  const rows = await db.notification.findMany({
    where: { event: { type, ...(productId ? { productId } : {}) } },
    select: { userId: true },
  });
  return rows.map((r) => r.userId).sort();
}

/** The messages pg-boss holds for a queue whose data matches. */
async function jobsOf(queue: string, key: string, value: string) {
  return db.$queryRawUnsafe<{ data: Record<string, unknown>; start_after: Date; created_on: Date }[]>(
    `SELECT data, start_after, created_on FROM pgboss.job WHERE name = $1 AND data->>$2 = $3 ORDER BY created_on`,
    queue,
    key,
    value,
  );
}

/** A published confidential product (data consumers need an owner's approval) with two owners. */
async function confidentialProduct(): Promise<Fixture & { owner2: CurrentUser; producer: CurrentUser; viewer: CurrentUser }> {
  const domain = (await createDomain()).slug;
  const f = await ownedProduct({ classification: "confidential", governance: { encryption: true, retention: "1_year" } }, { domain });
  await db.dataProduct.update({ where: { id: f.productId }, data: { lifecycle: "published", publishedAt: new Date() } });
  const owner2 = await createPrincipal(["data_producer"], { [domain]: "owner" });
  const producer = await createPrincipal(["data_producer"], { [domain]: "producer" });
  const viewer = await createPrincipal(["data_consumer"], { [domain]: "viewer" });
  return { ...f, owner2, producer, viewer };
}

describe("events reach the right people", () => {
  it("access requested → the product's owners (not producers, viewers or the requester); decided → the requester", async () => {
    const f = await confidentialProduct();
    const consumer = await createPrincipal(["data_consumer"]);
    const { id } = await requestAccess(consumer, { productId: f.productId, purpose: "Quarterly churn analysis" });
    expect(await notifiedOf("access.requested", f.productId)).toEqual([f.owner.id, f.owner2.id].sort());
    const list = await listNotifications(f.owner.id, { page: 1, pageSize: 10 });
    expect(list.items[0]).toMatchObject({
      type: "access.requested",
      title: `${consumer.email} requests access to ${f.domain}/${f.spec.name}`,
      link: "/access/inbox",
      read: false,
    });
    expect(list.unread).toBe(1);

    await decideAccessRequest(f.owner, { requestId: id, decision: "deny", note: "Use the aggregate product." });
    expect(await notifiedOf("access.decided", f.productId)).toEqual([consumer.id]);
    const [decided] = (await listNotifications(consumer.id, { page: 1, pageSize: 10 })).items;
    expect(decided.title).toBe(`Your access request for ${f.domain}/${f.spec.name} was denied`);
  });

  it("a user who turned a type off in the portal gets no row for it; mark read and mark all read are scoped to the user", async () => {
    const f = await confidentialProduct();
    await savePreferences(f.owner2, { inApp: [], email: [] });
    await requestAccess(await createPrincipal(["data_consumer"]), { productId: f.productId, purpose: "Analysis of churn" });
    await requestAccess(await createPrincipal(["data_consumer"]), { productId: f.productId, purpose: "Analysis of churn" });
    expect(await notifiedOf("access.requested", f.productId)).toEqual([f.owner.id, f.owner.id]);
    const mine = await listNotifications(f.owner.id, { page: 1, pageSize: 10 });
    // Someone else's notification id matches nothing.
    await expect(markNotificationRead(f.owner2, mine.items[0].id)).rejects.toThrow(/does not exist/);
    await markNotificationRead(f.owner, mine.items[0].id);
    expect(await unreadCount(f.owner.id)).toBe(1);
    // The "Unread" tab lists the one left, and its figure is the same.
    expect(await listNotifications(f.owner.id, { page: 1, pageSize: 10, unreadOnly: true })).toMatchObject({
      items: [{ id: mine.items[1].id, read: false }],
      total: 1,
      unread: 1,
    });
    expect((await listNotifications(f.owner.id, { page: 1, pageSize: 10 })).unread).toBe(1);
    expect(await markAllNotificationsRead(f.owner)).toBe(1);
    expect(await unreadCount(f.owner.id)).toBe(0);
  });

  it("access expiring → the grant holder, once, only for grants ending within the warning window", async () => {
    const f = await confidentialProduct();
    const soon = await createPrincipal(["data_consumer"]);
    const later = await createPrincipal(["data_consumer"]);
    for (const [u, days] of [
      [soon, 2],
      [later, 10],
    ] as const) {
      const req = await db.accessRequest.create({ data: { productId: f.productId, requesterId: u.id, purpose: "x", status: "approved" } });
      await db.accessGrant.create({
        data: {
          requestId: req.id,
          productId: f.productId,
          userId: u.id,
          purpose: "x",
          level: "confidential",
          grantedById: f.owner.id,
          expiresAt: new Date(Date.now() + days * 86_400_000),
        },
      });
    }
    await warnExpiringGrants();
    expect(await notifiedOf("access.expiring", f.productId)).toEqual([soon.id]);
    await warnExpiringGrants();
    expect(await notifiedOf("access.expiring", f.productId)).toEqual([soon.id]);
  });

  it("deprecation and breaking versions → live grant holders, recent readers and followers; not expired holders, old readers or the actor", async () => {
    const f = await confidentialProduct();
    const holder = await createPrincipal(["data_consumer"]);
    const expiredHolder = await createPrincipal(["data_consumer"]);
    const reader = await createPrincipal(["data_consumer"]);
    const oldReader = await createPrincipal(["data_consumer"]);
    const follower = await createPrincipal(["data_consumer"]);
    for (const [u, ms] of [
      [holder, 86_400_000 * 20],
      [expiredHolder, -86_400_000],
    ] as const) {
      const req = await db.accessRequest.create({ data: { productId: f.productId, requesterId: u.id, purpose: "x", status: "approved" } });
      await db.accessGrant.create({
        data: {
          requestId: req.id,
          productId: f.productId,
          userId: u.id,
          purpose: "x",
          level: "confidential",
          grantedById: f.owner.id,
          expiresAt: new Date(Date.now() + ms),
        },
      });
    }
    await db.metricEvent.createMany({
      data: [
        { type: "product_read", productId: f.productId, userId: reader.id, at: new Date(Date.now() - 5 * 86_400_000) },
        { type: "product_read", productId: f.productId, userId: oldReader.id, at: new Date(Date.now() - 45 * 86_400_000) },
      ],
    });
    await setFollow(follower, f.productId, true);
    await setFollow(f.owner, f.productId, true); // the actor follows too, and is still not told of their own act

    // A product in another domain reads from it (lineage): its owner of record hears of the change too.
    const downDomain = (await createDomain()).slug;
    const downOwner = await createPrincipal(["data_producer"], { [downDomain]: "owner" });
    const lineage = { sources: [`${f.domain}/${f.spec.name}`], transformations: [] };
    await ownedProduct({ owner: downOwner.email, lineage }, { domain: downDomain, owner: downOwner });

    const v2: DataProductSpec = { ...f.spec, version: "2.0.0", schema: f.spec.schema.slice(0, 1) };
    await saveProductVersion(f.owner, { domain: f.domain, name: f.spec.name, spec: v2, changeNote: "amount moves to a new product" });
    const expected = [holder.id, reader.id, follower.id, downOwner.id].sort();
    expect(await notifiedOf("product.breaking_change", f.productId)).toEqual(expected);

    const sunset = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    await moveLifecycle(f.owner, { domain: f.domain, name: f.spec.name }, "deprecated", "Replaced by orders-v3", sunset);
    expect(await notifiedOf("product.deprecated", f.productId)).toEqual(expected);
    const event = await db.notificationEvent.findFirstOrThrow({ where: { type: "product.deprecated", productId: f.productId } });
    expect(event.title).toBe(`${f.domain}/${f.spec.name} was deprecated; it stops being served on ${sunset}`);

    // Retiring it over a live downstream product takes a data admin; the same people hear of it, the owner too.
    const admin = await createPrincipal(["data_admin"]);
    await moveLifecycle(admin, { domain: f.domain, name: f.spec.name }, "retired", "Orders v3 serves everyone now");
    expect(await notifiedOf("product.retired", f.productId)).toEqual([...expected, f.owner.id].sort());
  });

  it("a quality run below the policy's thresholds → the product's owners", async () => {
    const f = await confidentialProduct();
    await recordQualityRun(f.productId, { completeness: 99, accuracy: 99.5, consistency: 99.5 });
    expect(await notifiedOf("quality.check_failed", f.productId)).toEqual([]);
    await recordQualityRun(f.productId, { completeness: 99, accuracy: 90, consistency: 99.5 });
    expect(await notifiedOf("quality.check_failed", f.productId)).toEqual([f.owner.id, f.owner2.id].sort());
  });

  it("a policy-change re-validation → owners of products that newly fail, not of those failing before", async () => {
    const f = await confidentialProduct();
    const g = await ownedProduct({}, { domain: f.domain, owner: f.owner });
    // Both now break the encryption rule; f was passing before the change, g was failing already.
    for (const [id, status] of [
      [f.productId, "passing"],
      [g.productId, "failing"],
    ] as const) {
      const p = await db.dataProduct.findUniqueOrThrow({ where: { id }, select: { spec: true } });
      const spec = { ...(p.spec as object), classification: "confidential", governance: { encryption: false, retention: "1_year" } };
      // With the rule inputs every save writes beside the spec (the impact preview reads them; other files compare).
      const ruleInputs = ruleInputsOf(spec as DataProductSpec) as object;
      await db.dataProduct.update({ where: { id }, data: { spec, ruleInputs, classification: "confidential", complianceStatus: status } });
    }
    const run = await db.$transaction((tx) => createRevalidationRun(tx, { trigger: "policy-change", domain: f.domain }));
    await runRevalidation(run.runId);
    expect(await notifiedOf("validation.failing", f.productId)).toEqual([f.owner.id, f.owner2.id].sort());
    expect(await notifiedOf("validation.failing", g.productId)).toEqual([]);
  });

  it("a failed provisioning job → the product's owners and whoever asked for it", async () => {
    const f = await confidentialProduct();
    // A role squatting on the name the governance step needs makes the job fail (as in provisioning.int.test.ts).
    const squatter = roleNameFor(schemaNameFor(f.domain, f.spec.name, "staging"), "data_producer", await portalDatabase());
    await withClient((c) => c.query(`CREATE ROLE ${quoteIdent(squatter)} NOLOGIN`));
    try {
      const admin = await createPrincipal(["data_admin"]);
      const { jobId } = await provisionProduct(admin, { domain: f.domain, name: f.spec.name });
      expect(await runProvisioningJob(jobId)).toBe("failed");
      expect(await notifiedOf("provisioning.failed", f.productId)).toEqual([f.owner.id, f.owner2.id, admin.id].sort());
      const event = await db.notificationEvent.findFirstOrThrow({ where: { type: "provisioning.failed", productId: f.productId } });
      expect(event.link).toBe(`/products/${f.domain}/${f.spec.name}/deployments`);
      expect((event.payload as { error: string }).error).toContain("does not belong to this deployment");
    } finally {
      await withClient((c) => c.query(`DROP ROLE IF EXISTS ${quoteIdent(squatter)}`));
    }
  });

  it("a compliance violation → governance and the domain's owners", async () => {
    const f = await confidentialProduct();
    const gov = await createPrincipal(["governance"]);
    const r = await publishEvent({
      type: "compliance.violation",
      domain: f.domain,
      product: { id: f.productId, domain: f.domain, name: f.spec.name },
      rule: "retention",
      message: "rows older than 1 year",
      violationId: null,
    });
    expect(r?.notified).toBeGreaterThanOrEqual(3);
    const told = await notifiedOf("compliance.violation", f.productId);
    expect(told).toEqual(expect.arrayContaining([gov.id, f.owner.id, f.owner2.id]));
    expect(told).not.toContain(f.producer.id);
  });
});

describe("never blocking the action", () => {
  it("a publish that fails inside the caller's transaction rolls back to its savepoint; the action commits", async () => {
    const key = `notify-test-${Date.now()}`;
    const result = await db.$transaction(async (tx) => {
      await tx.setting.create({ data: { key, value: { ok: true } } });
      // Not a uuid: the event's insert fails in PostgreSQL.
      return publishEvent(
        { type: "product.deprecated", product: { id: "not-a-uuid", domain: "x", name: "y" }, sunsetOn: null, note: "" },
        tx,
      );
    });
    expect(result).toBeNull();
    expect(await db.setting.findUnique({ where: { key } })).not.toBeNull();
  });
});

describe("webhooks", () => {
  it("refuses a URL that is not http(s) or points at the portal, with a field error; only owners and admins subscribe", async () => {
    const f = await confidentialProduct();
    const sub = (u: CurrentUser, url: string, scope = f.domain, host?: string) =>
      createWebhookSubscription(u, { url, scope, eventTypes: ["access.requested"] }, { requestHost: host });
    for (const [url, host] of [
      ["ftp://hooks.example.org/x", undefined],
      ["javascript:alert(1)", undefined],
      ["http://localhost:3000/api/v1/domains", "127.0.0.1:3000"],
    ] as const) {
      const e = await sub(f.owner, url, f.domain, host).catch((x: unknown) => x);
      expect(e, url).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).fieldErrors?.url?.[0]).toBeTruthy();
    }
    await expect(sub(f.producer, hookUrl)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(sub(f.owner, hookUrl, "mesh")).rejects.toBeInstanceOf(ForbiddenError);
    const admin = await createPrincipal(["data_admin"]);
    const mesh = await sub(admin, hookUrl, "mesh");
    await deleteWebhookSubscription(admin, mesh.id);
    expect(await db.webhookSubscription.count({ where: { id: mesh.id } })).toBe(0);
  });

  it("delivers a signed event; failures retry after 30 s, 2 min … as new jobs; redelivery sends it again", async () => {
    const f = await confidentialProduct();
    const { id: subId, secret } = await createWebhookSubscription(f.owner, {
      url: hookUrl,
      scope: f.domain,
      eventTypes: ["access.requested"],
    });
    expect(secret).toMatch(/^whsec_/);
    secretForVerify = secret;
    received.length = 0;
    const consumer = await createPrincipal(["data_consumer"]);
    await requestAccess(consumer, { productId: f.productId, purpose: "Forecasting" });
    const [delivery] = await db.webhookDelivery.findMany({ where: { subscriptionId: subId } });
    expect(delivery.status).toBe("pending");
    // The first attempt was queued with the request (same transaction).
    const [job] = await jobsOf("webhook-delivery", "deliveryId", delivery.id);
    expect(job.data).toEqual({ deliveryId: delivery.id, attempt: 1 });

    answers = [500, 503];
    const t0 = new Date();
    expect(await deliverWebhook({ deliveryId: delivery.id, attempt: 1 }, t0)).toMatchObject({
      outcome: "retrying",
      status: 500,
      retryInSeconds: 30,
    });
    // The same message again changes nothing (the attempt was claimed).
    expect(await deliverWebhook({ deliveryId: delivery.id, attempt: 1 }, t0)).toEqual({ outcome: "skipped" });
    let jobs = await jobsOf("webhook-delivery", "deliveryId", delivery.id);
    expect(jobs).toHaveLength(2);
    expect(jobs[1].data).toEqual({ deliveryId: delivery.id, attempt: 2 });
    expect(Math.round((jobs[1].start_after.getTime() - t0.getTime()) / 1000)).toBe(30);

    const t1 = new Date(t0.getTime() + 30_000);
    expect(await deliverWebhook({ deliveryId: delivery.id, attempt: 2 }, t1)).toMatchObject({
      outcome: "retrying",
      status: 503,
      retryInSeconds: 120,
    });
    jobs = await jobsOf("webhook-delivery", "deliveryId", delivery.id);
    expect(Math.round((jobs[2].start_after.getTime() - t1.getTime()) / 1000)).toBe(120);
    const row = await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
    expect(row.nextAttemptAt!.getTime() - t1.getTime()).toBe(120_000);

    expect(await deliverWebhook({ deliveryId: delivery.id, attempt: 3 })).toMatchObject({ outcome: "succeeded", status: 204 });
    expect(received).toHaveLength(3);
    expect(received.every((r) => r.verified)).toBe(true);
    // One message id for every attempt of the event; the body is the Standard Webhooks envelope.
    expect(new Set(received.map((r) => r.headers["webhook-id"])).size).toBe(1);
    const body = JSON.parse(received[2].body);
    expect(body).toMatchObject({
      type: "access.requested",
      data: { product: { id: f.productId, domain: f.domain, name: f.spec.name }, requester: { email: consumer.email }, stage: "owners" },
    });
    // A receiver with another secret rejects it.
    expect(verifyStandardWebhook("whsec_" + Buffer.alloc(32, 1).toString("base64"), received[2].headers, received[2].body)).toBe(false);

    const log = await webhookDeliveryLog(f.owner, subId, { page: 1, pageSize: 20 });
    expect(log.deliveries[0]).toMatchObject({ status: "succeeded", attempts: 3, lastStatus: 204 });
    await expect(webhookDeliveryLog(f.producer, subId, { page: 1, pageSize: 20 })).rejects.toBeInstanceOf(ForbiddenError);

    const again = await redeliverWebhook(f.owner, delivery.id);
    expect(await deliverWebhook({ deliveryId: again.id, attempt: 1 })).toMatchObject({ outcome: "succeeded" });
    expect(received).toHaveLength(4);
    expect(received[3].verified).toBe(true);
    await deleteWebhookSubscription(f.owner, subId);
  });

  it("backs off 30 s × 4^(n−1) and gives up after the last attempt; an unreachable endpoint never blocks the action", async () => {
    const f = await confidentialProduct();
    // A port nobody listens on.
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const { id: subId } = await createWebhookSubscription(f.owner, {
      url: `http://127.0.0.1:${port}/gone`,
      scope: f.domain,
      eventTypes: ["access.requested"],
    });
    const consumer = await createPrincipal(["data_consumer"]);
    await expect(requestAccess(consumer, { productId: f.productId, purpose: "Forecasting" })).resolves.toHaveProperty("id");
    const [delivery] = await db.webhookDelivery.findMany({ where: { subscriptionId: subId } });
    const delays: number[] = [];
    let now = Date.now();
    for (let attempt = 1; ; attempt++) {
      const r = await deliverWebhook({ deliveryId: delivery.id, attempt }, new Date(now));
      if (r.outcome !== "retrying") {
        expect(r).toMatchObject({ outcome: "failed", error: "The endpoint could not be reached." });
        break;
      }
      delays.push(r.retryInSeconds);
      now += r.retryInSeconds * 1000;
    }
    expect(delays).toEqual([30, 120, 480, 1920, 7680, 30720]);
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({ status: "failed", attempts: 7 });
  });
});

describe("e-mail", () => {
  it("sends through the configured SMTP server to those who asked for e-mail of that type", async () => {
    const f = await confidentialProduct();
    await savePreferences(f.owner, { inApp: ["access.requested"], email: ["access.requested"] });
    mails.length = 0;
    const consumer = await createPrincipal(["data_consumer"]);
    await requestAccess(consumer, { productId: f.productId, purpose: "Churn model" });
    const event = await db.notificationEvent.findFirstOrThrow({ where: { type: "access.requested", productId: f.productId } });
    // Queued for the owner who asked for e-mail only.
    const jobs = await jobsOf("notification-email", "eventId", event.id);
    expect(jobs.map((j) => j.data)).toEqual([{ eventId: event.id, userId: f.owner.id }]);
    expect(await sendNotificationEmail({ eventId: event.id, userId: f.owner.id })).toEqual({ sent: true });
    expect(mails).toHaveLength(1);
    expect(mails[0].from).toBe("notify@meshport.test");
    expect(mails[0].to).toEqual([f.owner.email]);
    // Long headers are folded onto several lines (RFC 5322): unfold before reading.
    const message = mails[0].data.replace(/\r\n[ \t]+/g, " ");
    expect(message).toContain(`Subject: ${consumer.email} requests access to ${f.domain}/${f.spec.name}`);
    expect(message).toContain("/access/inbox");
    const n = await db.notification.findFirstOrThrow({ where: { eventId: event.id, userId: f.owner.id } });
    expect(n.emailedAt).not.toBeNull();
  });
});
