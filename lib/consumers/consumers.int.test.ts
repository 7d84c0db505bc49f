import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/errors";
import { requestAccess } from "@/lib/consumers/request-access";
import { decideAccessRequest, revokeAccess } from "@/lib/consumers/decide-access";
import { rateProduct } from "@/lib/consumers/rate-product";
import { listAccessInbox, listMyAccessRequests, ratingSummary } from "@/lib/consumers/queries";
import { createPrincipal, ensureGlobalPolicy } from "@/prisma/seed/factories";
import { createDomainWithOwner, createPublishedProduct } from "@/prisma/seed/metrics-factories";

// Consumers read internal data without asking; requests are for what the policy grants on approval.
const CONFIDENTIAL = { classification: "confidential" as const };
beforeAll(async () => {
  await ensureGlobalPolicy();
});

describe("access requests", () => {
  it("lets a consumer ask, shows it to the owner, and records the grant with its waiting time", async () => {
    const { domain, owner } = await createDomainWithOwner();
    const product = await createPublishedProduct(domain, owner, CONFIDENTIAL);
    const consumer = await createPrincipal(["data_consumer"]);
    const asked = new Date(Date.now() - 5 * 3_600_000); // recent: the grant it leads to is still live today
    const { id } = await requestAccess(consumer, { productId: product.id, purpose: "Churn analysis for Q1" }, asked);

    const inbox = await listAccessInbox(owner, { status: "pending", page: 1, pageSize: 10 });
    expect(inbox.items.map((r) => r.id)).toEqual([id]);
    expect(inbox.items[0].requester?.email).toBe(consumer.email);

    await decideAccessRequest(owner, { requestId: id, decision: "approve", note: "OK for Q1" }, new Date(asked.getTime() + 4 * 3_600_000));
    const mine = await listMyAccessRequests(consumer.id, { page: 1, pageSize: 10 });
    expect(mine.items[0]).toMatchObject({ status: "approved", decisionNote: "OK for Q1" });
    const granted = await db.metricEvent.findFirstOrThrow({ where: { type: "access_granted", productId: product.id } });
    expect(granted.durationMs).toBe(4 * 3_600_000);
    expect(granted.userId).toBe(consumer.id);
  });

  it("refuses a second open request, bad input, and requests from the product's own domain", async () => {
    const { domain, owner } = await createDomainWithOwner();
    const product = await createPublishedProduct(domain, owner, CONFIDENTIAL);
    const consumer = await createPrincipal(["data_consumer"]);
    await requestAccess(consumer, { productId: product.id, purpose: "Monthly revenue report" });
    await expect(requestAccess(consumer, { productId: product.id, purpose: "Monthly revenue report again" })).rejects.toBeInstanceOf(
      ConflictError,
    );
    const short = await requestAccess(consumer, { productId: product.id, purpose: "x" }).catch((e: unknown) => e);
    expect(short).toBeInstanceOf(ValidationError);
    expect((short as ValidationError).fieldErrors?.purpose?.[0]).toMatch(/at least 10/);
    await expect(requestAccess(owner, { productId: product.id, purpose: "I am in this domain" })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.accessRequest.count({ where: { productId: product.id } })).toBe(1);
  });

  it("forbids deciding for anyone but the product's owners, and changes nothing then", async () => {
    const { domain, owner } = await createDomainWithOwner();
    const product = await createPublishedProduct(domain, owner, CONFIDENTIAL);
    const consumer = await createPrincipal(["data_consumer"]);
    const other = await createDomainWithOwner(); // owns another domain
    const { id } = await requestAccess(consumer, { productId: product.id, purpose: "Marketing attribution" });
    for (const who of [consumer, other.owner, await createPrincipal(["executive"])]) {
      const e = await decideAccessRequest(who, { requestId: id, decision: "approve" }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ForbiddenError);
      expect((e as ForbiddenError).status).toBe(403);
    }
    expect((await db.accessRequest.findUniqueOrThrow({ where: { id } })).status).toBe("pending");
    expect(await listAccessInbox(other.owner, { status: "pending", page: 1, pageSize: 10 })).toMatchObject({ total: 0 });
    await decideAccessRequest(owner, { requestId: id, decision: "deny", note: "Use the aggregated product" });
    await expect(decideAccessRequest(owner, { requestId: id, decision: "approve" })).rejects.toBeInstanceOf(ConflictError);
    await expect(revokeAccess(owner, { requestId: id, note: "Not granted yet" })).rejects.toBeInstanceOf(ConflictError);
    expect(await db.metricEvent.count({ where: { type: "access_denied", productId: product.id } })).toBe(1);
  });
});

describe("ratings", () => {
  it("keeps one rating per user and product, editable, and refuses the product's own team", async () => {
    const { domain, owner } = await createDomainWithOwner();
    const product = await createPublishedProduct(domain, owner);
    const a = await createPrincipal(["data_consumer"]);
    const b = await createPrincipal(["data_consumer"]);
    expect(await rateProduct(a, { productId: product.id, score: "2", review: "Hard to use" })).toEqual({ created: true });
    expect(await rateProduct(a, { productId: product.id, score: "4", review: "Better after the fix" })).toEqual({ created: false });
    await rateProduct(b, { productId: product.id, score: 5 });
    const rows = await db.productRating.findMany({ where: { productId: product.id }, orderBy: { score: "asc" } });
    expect(rows.map((r) => [r.userId, r.score, r.review])).toEqual([
      [a.id, 4, "Better after the fix"],
      [b.id, 5, ""],
    ]);
    expect(await ratingSummary(product.id)).toMatchObject({ mean: 4.5, count: 2, distribution: [0, 0, 0, 1, 1] });
    await expect(rateProduct(owner, { productId: product.id, score: 5 })).rejects.toBeInstanceOf(ForbiddenError);
    const bad = await rateProduct(a, { productId: product.id, score: 6 }).catch((e: unknown) => e);
    expect((bad as ValidationError).fieldErrors?.score).toBeTruthy();
    expect(await db.metricEvent.count({ where: { type: "rating", productId: product.id } })).toBe(3);
  });
});
