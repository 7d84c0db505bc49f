// The product owner cannot be used to take rights: a producer naming herself owner is refused and
// changes nothing; the owner must be of the product's domain; a named owner removed from the domain
// loses publish, provision and access decisions on the next request. The user is loaded the way every
// request loads it (requireUser → the database), not kept from before the removal.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { requireUser, type CurrentUser } from "@/lib/auth/current-user";
import { registerProduct } from "@/lib/products/register-product";
import { saveProductVersion } from "@/lib/products/save-version";
import { moveLifecycle } from "@/lib/products/move-lifecycle";
import { OWNER_CHANGE_DENIED } from "@/lib/products/product-owner";
import { loadOwnedProduct } from "@/lib/provisioning/owned-product";
import { requestAccess } from "@/lib/consumers/request-access";
import { decideAccessRequest } from "@/lib/consumers/decide-access";
import { removeMember } from "@/lib/domains/service";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { createDomain, createPrincipal, ensureGlobalPolicy, sampleSpec } from "@/prisma/seed/factories";

const session = vi.hoisted(() => ({ uid: null as string | null }));
// getCurrentUser checks a real server-side session row, so each "request" opens one for the user.
vi.mock("@/lib/auth/auth", async () => {
  const { createSession } = await import("@/lib/auth/sessions");
  return { auth: async () => (session.uid ? { uid: session.uid, sid: (await createSession(session.uid, 1)).id } : null) };
});

/** The user as the next request would see them. */
async function signedIn(user: { id: string }): Promise<CurrentUser> {
  session.uid = user.id;
  return requireUser();
}

let domain: string;
let owner: CurrentUser;
let producer: CurrentUser;
let admin: CurrentUser;
let consumer: CurrentUser;

beforeAll(async () => {
  await ensureGlobalPolicy();
  domain = (await createDomain()).slug;
  owner = await createPrincipal(["data_producer"], { [domain]: "owner" });
  producer = await createPrincipal(["data_producer"], { [domain]: "producer" });
  admin = await createPrincipal(["data_admin"]);
  consumer = await createPrincipal(["data_consumer"]);
});

beforeEach(() => {
  session.uid = null;
});

const snapshot = async (name: string) => {
  const p = await db.dataProduct.findFirstOrThrow({
    where: { name, domain: { slug: domain } },
    select: { owner: true, spec: true, lockVersion: true, description: true, versions: { select: { version: true, spec: true } } },
  });
  return JSON.stringify(p);
};
const denials = (resource: string) =>
  db.auditEvent.findMany({ where: { resource, decision: "deny" }, select: { subject: true, action: true, resource: true, reason: true } });

describe("naming the owner", () => {
  it("refuses a producer who sets the owner to herself, changing nothing and auditing the attempt", async () => {
    const spec = sampleSpec(domain);
    await registerProduct(owner, spec);
    const ref = { domain, name: spec.name };
    const before = await snapshot(spec.name);

    const err = await saveProductVersion(producer, { ...ref, spec: { ...spec, owner: producer.email, description: "mine now" } }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ForbiddenError);
    expect((err as ForbiddenError).fieldErrors?.owner).toEqual([OWNER_CHANGE_DENIED]);
    expect(await snapshot(spec.name)).toBe(before);
    expect(await denials(`data_product:${domain}/${spec.name}`)).toEqual([
      {
        subject: producer.email,
        action: "change_owner",
        resource: `data_product:${domain}/${spec.name}`,
        reason: "Not an owner of the product.",
      },
    ]);
    // And she still cannot publish.
    await moveLifecycle(producer, ref, "in_review");
    await expect(moveLifecycle(producer, ref, "published")).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("lets a producer change other fields while the owner stays as it is", async () => {
    const spec = sampleSpec(domain);
    await registerProduct(owner, spec);
    await saveProductVersion(producer, { domain, name: spec.name, spec: { ...spec, description: "Better words" } });
    const row = await db.dataProduct.findFirstOrThrow({ where: { name: spec.name }, select: { owner: true, description: true } });
    expect(row).toEqual({ owner: spec.owner, description: "Better words" });
  });

  it("lets an owner hand the product to a current member, never to someone outside the domain", async () => {
    const spec = sampleSpec(domain);
    await registerProduct(owner, spec);
    await saveProductVersion(owner, { domain, name: spec.name, spec: { ...spec, owner: producer.email.toUpperCase() } });
    expect((await db.dataProduct.findFirstOrThrow({ where: { name: spec.name }, select: { owner: true } })).owner).toBe(
      producer.email.toUpperCase(),
    );

    const err = await saveProductVersion(owner, { domain, name: spec.name, spec: { ...spec, owner: consumer.email } }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).fieldErrors?.owner?.[0]).toMatch(/not a member of the .* domain/);
  });

  it("refuses to register a product whose owner is not of its domain, writing nothing", async () => {
    const before = await db.dataProduct.count();
    const err = await registerProduct(admin, sampleSpec(domain, { owner: "someone@elsewhere.com" })).catch((e: unknown) => e);
    expect((err as ValidationError).fieldErrors?.owner?.[0]).toMatch(/not a member/);
    expect(await db.dataProduct.count()).toBe(before);
  });
});

describe("lowering the classification", () => {
  it("is refused to a producer (nothing changes) and allowed to the domain's owner", async () => {
    const spec = sampleSpec(domain, { classification: "confidential" });
    await registerProduct(owner, spec);
    const before = await snapshot(spec.name);
    const err = await saveProductVersion(producer, { domain, name: spec.name, spec: { ...spec, classification: "internal" } }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ForbiddenError);
    expect((err as ForbiddenError).fieldErrors?.classification?.[0]).toMatch(/Only the product's owners can lower/);
    expect(await snapshot(spec.name)).toBe(before);
    // Raising it is any editor's call; lowering it the owner's.
    await saveProductVersion(producer, { domain, name: spec.name, spec: { ...spec, classification: "restricted" } });
    await saveProductVersion(owner, { domain, name: spec.name, spec: { ...spec, classification: "internal" } });
    expect((await db.dataProduct.findFirstOrThrow({ where: { name: spec.name }, select: { classification: true } })).classification).toBe(
      "internal",
    );
  });
});

describe("a named owner removed from the domain", () => {
  it("can no longer publish, provision or decide access, and each refusal is audited once", async () => {
    const leaver = await createPrincipal(["data_producer"], { [domain]: "owner" });
    const spec = sampleSpec(domain, { owner: leaver.email, classification: "confidential" });
    await registerProduct(leaver, spec);
    const ref = { domain, name: spec.name };
    const resource = `data_product:${domain}/${spec.name}`;
    await moveLifecycle(await signedIn(leaver), ref, "in_review");
    await moveLifecycle(owner, ref, "published");
    const product = await db.dataProduct.findFirstOrThrow({ where: { name: spec.name }, select: { id: true } });
    const request = await requestAccess(consumer, { productId: product.id, purpose: "Quarterly revenue reporting for finance." });
    // While a member, the named owner holds the rights.
    await expect(loadOwnedProduct(await signedIn(leaver), domain, spec.name)).resolves.toMatchObject({ name: spec.name });

    await removeMember(admin, domain, leaver.id);
    const now = await signedIn(leaver);
    expect(now.domains[domain]).toBeUndefined();
    await expect(moveLifecycle(now, ref, "deprecated")).rejects.toBeInstanceOf(ForbiddenError);
    await expect(loadOwnedProduct(now, domain, spec.name, "deprovision")).rejects.toBeInstanceOf(ForbiddenError);
    await expect(decideAccessRequest(now, { requestId: request.id, decision: "approve" })).rejects.toBeInstanceOf(ForbiddenError);

    expect((await db.dataProduct.findUniqueOrThrow({ where: { id: product.id }, select: { lifecycle: true } })).lifecycle).toBe(
      "published",
    );
    expect((await db.accessRequest.findUniqueOrThrow({ where: { id: request.id }, select: { status: true } })).status).toBe("pending");
    const rows = await denials(resource);
    expect(rows.map((r) => r.action).sort()).toEqual(["decideAccess", "deprovision", "lifecycle:deprecated"]);
    for (const r of rows) {
      expect(r.subject).toBe(leaver.email);
      expect(r.reason).toBeTruthy();
    }
  });
});
