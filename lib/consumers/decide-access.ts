// Owners approve or deny pending requests and revoke granted access. The status change is conditional on
// the status read, so two owners deciding at once cannot both win.
import "server-only";
import { db, type Tx } from "@/lib/db";
import { assertCan, productResource, type CurrentUser } from "@/lib/auth/server";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { recordMetricEvent } from "@/lib/metrics/server";
import { audit } from "@/lib/audit/writer";
import { decideAccessSchema, revokeAccessSchema } from "@/lib/consumers/schema";
import { parseInput } from "@/lib/validation/parse";

async function loadForOwner(tx: Tx, user: CurrentUser, requestId: string) {
  const req = await tx.accessRequest.findUnique({
    where: { id: requestId },
    select: {
      id: true,
      status: true,
      createdAt: true,
      requesterId: true,
      product: { select: { id: true, name: true, domainId: true, domain: { select: { slug: true } } } },
    },
  });
  if (!req) throw new NotFoundError("This access request does not exist.");
  await assertCan(user, "decideAccess", [{ domain: req.product.domain.slug }], {
    resource: productResource(req.product.domain.slug, req.product.name),
    context: { accessRequestId: req.id },
    message: "Only the product's owners and data admins can decide access requests.",
  });
  return req;
}

export type Decision = { status: "approved" | "denied" };

/** `now` lets the demo seed replay a year of history; the portal always uses the clock. */
export async function decideAccessRequest(user: CurrentUser, input: unknown, now: Date = new Date()): Promise<Decision> {
  const data = parseInput(decideAccessSchema, input);
  return db.$transaction(async (tx) => {
    const req = await loadForOwner(tx, user, data.requestId);
    if (req.status !== "pending") throw new ConflictError(`This request was already ${req.status}.`);
    const status = data.decision === "approve" ? "approved" : "denied";
    const moved = await tx.accessRequest.updateMany({
      where: { id: req.id, status: "pending" },
      data: { status, decidedById: user.id, decisionNote: data.note, decidedAt: now },
    });
    if (moved.count !== 1) throw new ConflictError("Someone decided this request meanwhile. Reload to see the decision.");
    await recordMetricEvent(
      {
        type: status === "approved" ? "access_granted" : "access_denied",
        at: now,
        productId: req.product.id,
        domainId: req.product.domainId,
        userId: req.requesterId,
        durationMs: Math.max(0, now.getTime() - req.createdAt.getTime()),
        meta: { deciderId: user.id },
      },
      tx,
    );
    return { status };
  });
}

export async function revokeAccess(user: CurrentUser, input: unknown, now: Date = new Date()): Promise<void> {
  const data = parseInput(revokeAccessSchema, input);
  await db.$transaction(async (tx) => {
    const req = await loadForOwner(tx, user, data.requestId);
    if (req.status !== "approved") throw new ConflictError("Only granted access can be revoked.");
    const moved = await tx.accessRequest.updateMany({
      where: { id: req.id, status: "approved" },
      data: { status: "revoked", decidedById: user.id, decisionNote: data.note, decidedAt: now },
    });
    if (moved.count !== 1) throw new ConflictError("This access changed meanwhile. Reload and try again.");
    // On record with the revocation itself (same transaction), reason included.
    const requester = await tx.user.findUnique({ where: { id: req.requesterId }, select: { email: true } });
    await audit(
      {
        subject: user.email,
        action: "access:revoke",
        resource: productResource(req.product.domain.slug, req.product.name),
        decision: "allow",
        policyId: "portal-permissions",
        reason: `Access of ${requester?.email ?? "a deleted user"} revoked by an owner. Reason: ${data.note}`,
        context: { requestId: req.id, requester: requester?.email ?? null, note: data.note },
      },
      tx,
    );
    await recordMetricEvent(
      {
        type: "access_revoked",
        at: now,
        productId: req.product.id,
        domainId: req.product.domainId,
        userId: req.requesterId,
        meta: { deciderId: user.id },
      },
      tx,
    );
  });
}
