// Owners approve or deny pending requests and revoke granted access; governance takes the second step of
// requests the policy routes to owners and governance. An approval creates an access grant (with its
// PostgreSQL login role) that lasts at most the policy's max_duration. Status changes are conditional on
// the status read, so two deciders at once cannot both win.
import "server-only";
import { db, type Tx } from "@/lib/db";
import { assertCan, productResource, type CurrentUser } from "@/lib/auth/server";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { recordMetricEvent } from "@/lib/metrics/server";
import { audit } from "@/lib/audit/writer";
import { publishEvent } from "@/lib/notifications/server";
import { decideAccessSchema, revokeAccessSchema } from "@/lib/consumers/schema";
import { parseInput } from "@/lib/validation/parse";
import { accessPathFor } from "./access-path";
import { isLive } from "./request-access";
import { createGrantRole, dropGrantRole } from "./grant-roles";

const DAY_MS = 86_400_000;

async function loadRequest(tx: Tx, requestId: string) {
  const req = await tx.accessRequest.findUnique({
    where: { id: requestId },
    select: {
      id: true,
      status: true,
      purpose: true,
      createdAt: true,
      requesterId: true,
      approval: true,
      ownerApprovedAt: true,
      grant: { select: { id: true, dbRole: true, endedAt: true } },
      product: { select: { id: true, name: true, classification: true, domainId: true, domain: { select: { slug: true } } } },
    },
  });
  if (!req) throw new NotFoundError("This access request does not exist.");
  return req;
}
type LoadedRequest = Awaited<ReturnType<typeof loadRequest>>;

/** Whose step it is: the owners', or governance's after the owners approved a two-step request. */
export function awaitingGovernance(req: { status: string; approval: string | null; ownerApprovedAt: Date | null }): boolean {
  return req.status === "pending" && req.approval === "owner_and_governance" && req.ownerApprovedAt !== null;
}

async function authorizeDecider(user: CurrentUser, req: LoadedRequest, decision: "approve" | "deny"): Promise<void> {
  const resource = productResource(req.product.domain.slug, req.product.name);
  if (awaitingGovernance(req)) {
    // The owners approved already; governance approves, and either side may still deny.
    if (decision === "deny" && !user.roles.includes("governance")) {
      await assertCan(user, "decideAccess", [{ domain: req.product.domain.slug }], {
        resource,
        context: { accessRequestId: req.id },
        message: "Only governance or the product's owners can deny this request.",
      });
      return;
    }
    await assertCan(user, "decideGovernanceAccess", [], {
      resource,
      context: { accessRequestId: req.id },
      message: "The product's owners approved; this request now waits for governance.",
    });
    return;
  }
  await assertCan(user, "decideAccess", [{ domain: req.product.domain.slug }], {
    resource,
    context: { accessRequestId: req.id },
    message: "Only the product's owners and data admins can decide access requests.",
  });
}

export type Decision = { status: "approved" | "denied" | "awaiting_governance"; grantId?: string; expiresAt?: string };

/** `now` lets the demo seed replay a year of history; the portal always uses the clock. */
export async function decideAccessRequest(user: CurrentUser, input: unknown, now: Date = new Date()): Promise<Decision> {
  const data = parseInput(decideAccessSchema, input);
  return db.$transaction(async (tx) => {
    const req = await loadRequest(tx, data.requestId);
    await authorizeDecider(user, req, data.decision);
    if (req.status !== "pending") throw new ConflictError(`This request was already ${req.status}.`);
    const conflict = "Someone decided this request meanwhile. Reload to see the decision.";

    if (data.decision === "deny") {
      const moved = await tx.accessRequest.updateMany({
        where: { id: req.id, status: "pending" },
        data: { status: "denied", decidedById: user.id, decisionNote: data.note, decidedAt: now },
      });
      if (moved.count !== 1) throw new ConflictError(conflict);
      await decisionMetric(tx, req, "access_denied", user, now);
      if (isLive(now)) await announceDecision(tx, req, user, { decision: "denied", note: data.note, expiresAt: null });
      return { status: "denied" };
    }

    // What the policy says today for the requester's roles (it may have changed since the request).
    const requester = await tx.user.findUnique({ where: { id: req.requesterId }, select: { roles: true, email: true } });
    if (!requester) throw new ConflictError("The requester no longer exists.");
    const path = await accessPathFor(requester, req.product.domain.slug, req.product.classification);
    if (path.kind !== "grant") {
      throw new ConflictError(
        path.kind === "read"
          ? `${requester.email} can read ${req.product.classification} data already; deny this request, nothing needs granting.`
          : `The governance policy no longer grants ${req.product.classification} data to ${requester.email}'s roles; deny this request.`,
      );
    }
    const maxDays = Math.floor(path.maxSeconds / 86_400);
    if (data.days !== undefined && data.days > maxDays)
      throw new ValidationError(`The policy lets this access last at most ${maxDays} days.`, { days: [`At most ${maxDays} days.`] });

    // Step one of a two-step request: the owners' approval is recorded, governance decides next.
    if (path.approval === "owner_and_governance" && req.ownerApprovedAt === null) {
      const moved = await tx.accessRequest.updateMany({
        where: { id: req.id, status: "pending", ownerApprovedAt: null },
        data: { ownerApprovedById: user.id, ownerApprovedAt: now, approval: "owner_and_governance", decisionNote: data.note },
      });
      if (moved.count !== 1) throw new ConflictError(conflict);
      await audit(
        {
          subject: user.email,
          action: "access:owner-approve",
          resource: productResource(req.product.domain.slug, req.product.name),
          decision: "allow",
          policyId: "portal-permissions",
          reason: `Owner approved ${requester.email}'s request; ${req.product.classification} data also needs governance's approval.`,
          context: { requestId: req.id },
        },
        tx,
      );
      if (isLive(now))
        await publishEvent(
          {
            type: "access.requested",
            actorId: user.id,
            product: { id: req.product.id, domain: req.product.domain.slug, name: req.product.name },
            requestId: req.id,
            requester: { id: req.requesterId, email: requester.email },
            purpose: req.purpose,
            stage: "governance",
          },
          tx,
        );
      return { status: "awaiting_governance" };
    }

    const moved = await tx.accessRequest.updateMany({
      where: { id: req.id, status: "pending" },
      data: { status: "approved", decidedById: user.id, decisionNote: data.note, decidedAt: now, approval: path.approval },
    });
    if (moved.count !== 1) throw new ConflictError(conflict);
    const expiresAt = new Date(now.getTime() + (data.days !== undefined ? data.days * DAY_MS : path.maxSeconds * 1000));
    const grant = await tx.accessGrant.create({
      data: {
        requestId: req.id,
        productId: req.product.id,
        userId: req.requesterId,
        purpose: req.purpose,
        level: req.product.classification,
        grantedById: user.id,
        createdAt: now,
        expiresAt,
      },
      select: { id: true },
    });
    // A grant replayed into the past (the demo seed's history) that has expired already gets no role; the
    // expiry sweep closes it like any other.
    if (expiresAt.getTime() > Date.now()) {
      const dbRole = await createGrantRole(tx, { id: grant.id, productId: req.product.id, expiresAt });
      await tx.accessGrant.update({ where: { id: grant.id }, data: { dbRole } });
    }
    await audit(
      {
        subject: user.email,
        action: "access:grant",
        resource: productResource(req.product.domain.slug, req.product.name),
        decision: "allow",
        policyId: "portal-permissions",
        reason: `${requester.email} may read ${req.product.classification} data until ${expiresAt.toISOString()} (grant ${grant.id}, ${path.approval} approval, policy max ${path.maxDuration}).`,
        context: { requestId: req.id, grantId: grant.id, expiresAt: expiresAt.toISOString() },
      },
      tx,
    );
    await decisionMetric(tx, req, "access_granted", user, now);
    if (isLive(now)) await announceDecision(tx, req, user, { decision: "approved", note: data.note, expiresAt: expiresAt.toISOString() });
    return { status: "approved", grantId: grant.id, expiresAt: expiresAt.toISOString() };
  });
}

/** The requester hears of the decision, with the same transaction as the decision itself. */
async function announceDecision(
  tx: Tx,
  req: LoadedRequest,
  user: CurrentUser,
  d: { decision: "approved" | "denied"; note: string; expiresAt: string | null },
): Promise<void> {
  await publishEvent(
    {
      type: "access.decided",
      actorId: user.id,
      product: { id: req.product.id, domain: req.product.domain.slug, name: req.product.name },
      requestId: req.id,
      requesterId: req.requesterId,
      ...d,
    },
    tx,
  );
}

async function decisionMetric(tx: Tx, req: LoadedRequest, type: "access_granted" | "access_denied", user: CurrentUser, now: Date) {
  await recordMetricEvent(
    {
      type,
      at: now,
      productId: req.product.id,
      domainId: req.product.domainId,
      userId: req.requesterId,
      durationMs: Math.max(0, now.getTime() - req.createdAt.getTime()),
      meta: { deciderId: user.id },
    },
    tx,
  );
}

/**
 * Ends a live grant: the grant row (ended_at, why) and the request's status in one transaction with
 * dropping its database role, so access over the API and over SQL ends together.
 */
export async function endGrant(
  tx: Tx,
  grant: { id: string; requestId: string; dbRole: string | null },
  end: { reason: "revoked" | "expired"; byId: string | null; note: string; now: Date },
): Promise<boolean> {
  const ended = await tx.accessGrant.updateMany({
    where: { id: grant.id, endedAt: null },
    data: { endedAt: end.now, endReason: end.reason, endedById: end.byId, endNote: end.note },
  });
  if (ended.count !== 1) return false;
  await tx.accessRequest.updateMany({
    where: { id: grant.requestId, status: "approved" },
    data:
      end.reason === "revoked"
        ? { status: "revoked", decidedById: end.byId, decisionNote: end.note, decidedAt: end.now }
        : { status: "expired", decidedAt: end.now, decisionNote: end.note },
  });
  if (grant.dbRole) await dropGrantRole(tx, grant.dbRole);
  return true;
}

export async function revokeAccess(user: CurrentUser, input: unknown, now: Date = new Date()): Promise<void> {
  const data = parseInput(revokeAccessSchema, input);
  await db.$transaction(async (tx) => {
    const req = await loadRequest(tx, data.requestId);
    await assertCan(user, "decideAccess", [{ domain: req.product.domain.slug }], {
      resource: productResource(req.product.domain.slug, req.product.name),
      context: { accessRequestId: req.id },
      message: "Only the product's owners and data admins can revoke access.",
    });
    if (req.status !== "approved") throw new ConflictError("Only granted access can be revoked.");
    if (req.grant && req.grant.endedAt === null) {
      const ended = await endGrant(
        tx,
        { id: req.grant.id, requestId: req.id, dbRole: req.grant.dbRole },
        {
          reason: "revoked",
          byId: user.id,
          note: data.note,
          now,
        },
      );
      if (!ended) throw new ConflictError("This access changed meanwhile. Reload and try again.");
    } else {
      // Approved before grants existed: only the request records the access.
      const moved = await tx.accessRequest.updateMany({
        where: { id: req.id, status: "approved" },
        data: { status: "revoked", decidedById: user.id, decisionNote: data.note, decidedAt: now },
      });
      if (moved.count !== 1) throw new ConflictError("This access changed meanwhile. Reload and try again.");
    }
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
        context: { requestId: req.id, requester: requester?.email ?? null, note: data.note, grantId: req.grant?.id ?? null },
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
