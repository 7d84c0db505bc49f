// Moves that cannot be undone need a reason at the service, whichever entry point calls it: without one
// they are refused with a field error and change nothing; with one, the reason is in the product's history
// and in the audit log. (Deprovisioning's reason is tested with deprovisioning, in provisioning.int.test.ts.)
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ValidationError } from "@/lib/errors";
import { moveLifecycle } from "@/lib/products/move-lifecycle";
import { saveProductVersion } from "@/lib/products/save-version";
import { listLifecycleEvents, listVersions } from "@/lib/products/queries";
import { requestAccess } from "@/lib/consumers/request-access";
import { decideAccessRequest, revokeAccess } from "@/lib/consumers/decide-access";
import { createPrincipal, ensureGlobalPolicy } from "@/prisma/seed/factories";
import { createDomainWithOwner, createPublishedProduct, type PublishedProduct } from "@/prisma/seed/metrics-factories";
import type { CurrentUser } from "@/lib/auth/current-user";

let owner: CurrentUser;
let domain: { id: string; slug: string };

beforeAll(async () => {
  await ensureGlobalPolicy();
  ({ domain, owner } = await createDomainWithOwner());
});

const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const resourceOf = (p: PublishedProduct) => `data_product:${p.domain}/${p.name}`;

async function snapshot(p: PublishedProduct) {
  const row = await db.dataProduct.findUniqueOrThrow({
    where: { id: p.id },
    select: { lifecycle: true, sunsetOn: true, lockVersion: true, currentVersion: true },
  });
  return {
    row,
    events: await db.lifecycleEvent.count({ where: { productId: p.id } }),
    versions: await db.dataProductVersion.count({ where: { productId: p.id } }),
    audits: await db.auditEvent.count({ where: { resource: resourceOf(p), decision: "allow" } }),
  };
}

async function refusal(promise: Promise<unknown>): Promise<ValidationError> {
  const e = await promise.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(ValidationError);
  return e as ValidationError;
}

describe("deprecating and retiring", () => {
  it("refuses without a reason or a future sunset date and changes nothing", async () => {
    const p = await createPublishedProduct(domain, owner);
    const ref = { domain: p.domain, name: p.name };
    const before = await snapshot(p);

    const noReason = await refusal(moveLifecycle(owner, ref, "deprecated", "   ", daysFromNow(90)));
    expect(noReason.fieldErrors?.note?.[0]).toMatch(/reason/i);
    const noDate = await refusal(moveLifecycle(owner, ref, "deprecated", "Superseded by orders-v2"));
    expect(noDate.fieldErrors?.sunsetOn?.[0]).toMatch(/sunset date/i);
    const past = await refusal(moveLifecycle(owner, ref, "deprecated", "Superseded by orders-v2", daysFromNow(0)));
    expect(past.fieldErrors?.sunsetOn?.[0]).toMatch(/future/);

    expect(await snapshot(p)).toEqual(before);
  });

  it("records the reason and sunset date in the history, on the product and in the audit log", async () => {
    const p = await createPublishedProduct(domain, owner);
    const ref = { domain: p.domain, name: p.name };
    const sunset = daysFromNow(120);
    await moveLifecycle(owner, ref, "deprecated", "Superseded by orders-v2", sunset);

    const row = await db.dataProduct.findUniqueOrThrow({ where: { id: p.id }, select: { lifecycle: true, sunsetOn: true } });
    expect(row.lifecycle).toBe("deprecated");
    expect(row.sunsetOn?.toISOString().slice(0, 10)).toBe(sunset);
    const [latest] = await listLifecycleEvents(p.id);
    expect(latest).toMatchObject({ from: "published", to: "deprecated", note: "Superseded by orders-v2", sunsetOn: sunset });
    const audited = await db.auditEvent.findFirstOrThrow({
      where: { resource: resourceOf(p), action: "lifecycle:deprecated", decision: "allow" },
    });
    expect(audited.subject).toBe(owner.email);
    expect(audited.reason).toContain("Superseded by orders-v2");
    expect(audited.reason).toContain(`Sunset on ${sunset}`);

    // Retiring needs its own reason, too.
    const before = await snapshot(p);
    const e = await refusal(moveLifecycle(owner, ref, "retired", ""));
    expect(e.fieldErrors?.note).toHaveLength(1);
    expect(await snapshot(p)).toEqual(before);
    await moveLifecycle(owner, ref, "retired", "No consumers left after the sunset");
    expect((await listLifecycleEvents(p.id))[0]).toMatchObject({ to: "retired", note: "No consumers left after the sunset" });
    const retired = await db.auditEvent.findFirstOrThrow({
      where: { resource: resourceOf(p), action: "lifecycle:retired", decision: "allow" },
    });
    expect(retired.reason).toContain("No consumers left after the sunset");
  });

  it("withdraws the sunset date when the product is un-deprecated", async () => {
    const p = await createPublishedProduct(domain, owner);
    const ref = { domain: p.domain, name: p.name };
    await moveLifecycle(owner, ref, "deprecated", "Planned replacement", daysFromNow(30));
    await moveLifecycle(owner, ref, "published", "Replacement cancelled");
    expect((await db.dataProduct.findUniqueOrThrow({ where: { id: p.id }, select: { sunsetOn: true } })).sunsetOn).toBeNull();
  });
});

describe("a breaking version of a published product", () => {
  it("is refused without a change note, and saved with it into the version history and the audit log", async () => {
    const p = await createPublishedProduct(domain, owner);
    const ref = { domain: p.domain, name: p.name };
    const { spec } = await db.dataProduct.findUniqueOrThrow({ where: { id: p.id }, select: { spec: true } });
    const current = spec as unknown as { schema: { name: string }[] };
    const breaking = { ...(spec as object), version: "2.0.0", schema: current.schema.filter((f) => f.name !== "amount") };
    const before = await snapshot(p);

    const e = await refusal(saveProductVersion(owner, { ...ref, spec: breaking, changeNote: "  " }));
    expect(e.fieldErrors?.changeNote?.[0]).toMatch(/2\.0\.0.*breaking/);
    expect(await snapshot(p)).toEqual(before);

    await saveProductVersion(owner, { ...ref, spec: breaking, changeNote: "amount moves to the payments product" });
    const [latest] = await listVersions(p.id);
    expect(latest).toMatchObject({ version: "2.0.0", breaking: true, changeNote: "amount moves to the payments product" });
    const audited = await db.auditEvent.findFirstOrThrow({ where: { resource: resourceOf(p), action: "product:breaking_version" } });
    expect(audited.reason).toContain("1.0.0 → 2.0.0");
    expect(audited.reason).toContain("amount moves to the payments product");
  });

  it("does not ask for a reason for an additive minor version", async () => {
    const p = await createPublishedProduct(domain, owner);
    const { spec } = await db.dataProduct.findUniqueOrThrow({ where: { id: p.id }, select: { spec: true } });
    const s = spec as unknown as { schema: object[] };
    const additive = {
      ...s,
      version: "1.1.0",
      schema: [...s.schema, { name: "note", type: "string", description: "", required: false, pii: false }],
    };
    await expect(saveProductVersion(owner, { domain: p.domain, name: p.name, spec: additive })).resolves.toMatchObject({
      version: "1.1.0",
      breaking: false,
    });
  });
});

describe("revoking granted access", () => {
  it("is refused without a reason, and records the reason on the request and in the audit log", async () => {
    const p = await createPublishedProduct(domain, owner, { classification: "confidential" });
    const consumer = await createPrincipal(["data_consumer"]);
    const { id } = await requestAccess(consumer, { productId: p.id, purpose: "Quarterly churn analysis" });
    await decideAccessRequest(owner, { requestId: id, decision: "approve", note: "OK" });
    const revocations = () => db.auditEvent.count({ where: { resource: resourceOf(p), action: "access:revoke" } });

    for (const input of [{ requestId: id }, { requestId: id, note: " \n " }]) {
      const e = await refusal(revokeAccess(owner, input));
      expect(e.fieldErrors?.note?.[0]).toMatch(/reason/i);
    }
    expect(await db.accessRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "approved", decisionNote: "OK" });
    expect(await revocations()).toBe(0);
    expect(await db.metricEvent.count({ where: { type: "access_revoked", productId: p.id } })).toBe(0);

    await revokeAccess(owner, { requestId: id, note: "Project ended; data no longer needed" });
    expect(await db.accessRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "revoked",
      decisionNote: "Project ended; data no longer needed",
    });
    const audited = await db.auditEvent.findFirstOrThrow({ where: { resource: resourceOf(p), action: "access:revoke" } });
    expect(audited).toMatchObject({ subject: owner.email, decision: "allow" });
    expect(audited.reason).toContain(consumer.email);
    expect(audited.reason).toContain("Project ended; data no longer needed");
  });
});
