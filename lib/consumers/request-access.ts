// A consumer asks for access to a published product, stating a purpose; the product's owners decide.
import "server-only";
import { db } from "@/lib/db";
import { assertCan, productResource, type CurrentUser } from "@/lib/auth/server";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { recordMetricEvent } from "@/lib/metrics/server";
import { publishEvent } from "@/lib/notifications/server";
import { requestAccessSchema } from "@/lib/consumers/schema";
import { parseInput } from "@/lib/validation/parse";
import { accessPathFor } from "./access-path";

/** A `now` more than a minute in the past is the demo seed replaying history. */
export const isLive = (now: Date) => now.getTime() > Date.now() - 60_000;

/** `now` lets the demo seed replay a year of history; the portal always uses the clock. */
export async function requestAccess(user: CurrentUser, input: unknown, now: Date = new Date()): Promise<{ id: string }> {
  const data = parseInput(requestAccessSchema, input);
  return db.$transaction(async (tx) => {
    const product = await tx.dataProduct.findUnique({
      where: { id: data.productId },
      select: { id: true, name: true, lifecycle: true, classification: true, domainId: true, domain: { select: { slug: true } } },
    });
    if (!product) throw new NotFoundError("This data product does not exist.");
    await assertCan(user, "requestAccess", [{ domain: product.domain.slug }], {
      resource: productResource(product.domain.slug, product.name),
      message: "Members of this product's domain already have access to it.",
    });
    if (product.lifecycle !== "published") throw new ValidationError("Only published products accept access requests.");
    // A request must be able to change something: not for what the user reads already, not for what the
    // policy never grants to their roles.
    const path = await accessPathFor(user, product.domain.slug, product.classification);
    if (path.kind === "read")
      throw new ValidationError(`You can read ${product.classification} data already (as ${path.role}); no request is needed.`, {
        purpose: ["No request is needed: you can read this product now."],
      });
    if (path.kind === "never")
      throw new ValidationError(
        `The governance policy never grants ${product.classification} data to your roles (${user.roles.join(", ")}).`,
        {
          purpose: ["Not grantable for your role."],
        },
      );
    // Serialises concurrent requests of one user for one product, so the duplicate check below holds.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`access:${user.id}:${product.id}`}))`;
    // Open: pending, or approved with a grant that still runs (an expired grant the sweep has not closed yet is over).
    const open = await tx.accessRequest.findFirst({
      where: {
        productId: product.id,
        requesterId: user.id,
        OR: [{ status: "pending" }, { status: "approved", OR: [{ grant: null }, { grant: { endedAt: null, expiresAt: { gt: now } } }] }],
      },
      select: { status: true },
    });
    if (open) {
      throw new ConflictError(
        open.status === "approved" ? "You already have access to this product." : "You already have a pending request for this product.",
      );
    }
    const created = await tx.accessRequest.create({
      data: { productId: product.id, requesterId: user.id, purpose: data.purpose, createdAt: now, approval: path.approval },
      select: { id: true },
    });
    await recordMetricEvent({ type: "access_requested", at: now, productId: product.id, domainId: product.domainId, userId: user.id }, tx);
    // The product's deciders hear of it (history replayed by the demo seed tells nobody).
    if (isLive(now))
      await publishEvent(
        {
          type: "access.requested",
          actorId: user.id,
          product: { id: product.id, domain: product.domain.slug, name: product.name },
          requestId: created.id,
          requester: { id: user.id, email: user.email },
          purpose: data.purpose,
          stage: "owners",
        },
        tx,
      );
    return created;
  });
}
