// Records publications for the success metrics (innovation rate, time to insight) from inside the
// lifecycle transition's transaction: a publication that rolls back leaves no event behind.
import "server-only";
import { onLifecycleTransition } from "@/lib/products/lifecycle-hooks";
import { recordMetricEvent } from "@/lib/metrics/record";

onLifecycleTransition(async (tx, product, to, actor) => {
  if (to !== "published") return;
  const row = await tx.dataProduct.findUnique({ where: { id: product.id }, select: { domainId: true, createdAt: true } });
  if (!row) return;
  const now = new Date();
  await recordMetricEvent(
    {
      type: "product_published",
      at: now,
      productId: product.id,
      domainId: row.domainId,
      userId: actor.id,
      durationMs: Math.max(0, now.getTime() - row.createdAt.getTime()),
    },
    tx,
  );
}, "metrics:product_published");
