// A consumer asks for access to a published product, stating a purpose; the product's owners decide.
import "server-only";
import { db } from "@/lib/db";
import { assertCan, productResource, type CurrentUser } from "@/lib/auth/server";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { recordMetricEvent } from "@/lib/metrics/server";
import { requestAccessSchema } from "@/lib/consumers/schema";
import { parseInput } from "@/lib/validation/parse";

/** `now` lets the demo seed replay a year of history; the portal always uses the clock. */
export async function requestAccess(user: CurrentUser, input: unknown, now: Date = new Date()): Promise<{ id: string }> {
  const data = parseInput(requestAccessSchema, input);
  return db.$transaction(async (tx) => {
    const product = await tx.dataProduct.findUnique({
      where: { id: data.productId },
      select: { id: true, name: true, lifecycle: true, domainId: true, domain: { select: { slug: true } } },
    });
    if (!product) throw new NotFoundError("This data product does not exist.");
    await assertCan(user, "requestAccess", [{ domain: product.domain.slug }], {
      resource: productResource(product.domain.slug, product.name),
      message: "Members of this product's domain already have access to it.",
    });
    if (product.lifecycle !== "published") throw new ValidationError("Only published products accept access requests.");
    // Serialises concurrent requests of one user for one product, so the duplicate check below holds.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`access:${user.id}:${product.id}`}))`;
    const open = await tx.accessRequest.findFirst({
      where: { productId: product.id, requesterId: user.id, status: { in: ["pending", "approved"] } },
      select: { status: true },
    });
    if (open) {
      throw new ConflictError(
        open.status === "approved" ? "You already have access to this product." : "You already have a pending request for this product.",
      );
    }
    const created = await tx.accessRequest.create({
      data: { productId: product.id, requesterId: user.id, purpose: data.purpose, createdAt: now },
      select: { id: true },
    });
    await recordMetricEvent({ type: "access_requested", at: now, productId: product.id, domainId: product.domainId, userId: user.id }, tx);
    return created;
  });
}
