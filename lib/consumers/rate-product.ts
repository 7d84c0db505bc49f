// One rating (1–5 + optional review) per user and product; rating again edits it.
import "server-only";
import { db } from "@/lib/db";
import { assertCan, productResource, type CurrentUser } from "@/lib/auth/server";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { recordMetricEvent } from "@/lib/metrics/server";
import { rateProductSchema } from "@/lib/consumers/schema";
import { parseInput } from "@/lib/validation/parse";

const RATEABLE = ["published", "deprecated"];

/** `now` lets the demo seed replay a year of history; the portal always uses the clock. */
export async function rateProduct(user: CurrentUser, input: unknown, now: Date = new Date()): Promise<{ created: boolean }> {
  const data = parseInput(rateProductSchema, input);
  return db.$transaction(async (tx) => {
    const product = await tx.dataProduct.findUnique({
      where: { id: data.productId },
      select: { id: true, name: true, lifecycle: true, domainId: true, domain: { select: { slug: true } } },
    });
    if (!product) throw new NotFoundError("This data product does not exist.");
    await assertCan(user, "rateProduct", [{ domain: product.domain.slug }], {
      resource: productResource(product.domain.slug, product.name),
      message: "You work on this product, so you cannot rate it.",
    });
    if (!RATEABLE.includes(product.lifecycle)) throw new ValidationError("Only published products can be rated.");
    const key = { productId_userId: { productId: product.id, userId: user.id } };
    const previous = await tx.productRating.findUnique({ where: key, select: { score: true } });
    await tx.productRating.upsert({
      where: key,
      create: { productId: product.id, userId: user.id, score: data.score, review: data.review, createdAt: now, updatedAt: now },
      update: { score: data.score, review: data.review, updatedAt: now },
    });
    await recordMetricEvent(
      {
        type: "rating",
        at: now,
        productId: product.id,
        domainId: product.domainId,
        userId: user.id,
        value: data.score,
        meta: previous ? { previous: previous.score } : {},
      },
      tx,
    );
    return { created: !previous };
  });
}
