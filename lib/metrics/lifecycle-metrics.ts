// Records publications for the success metrics (innovation rate, time to insight) from inside the
// lifecycle transition's transaction (lib/products/move-lifecycle.ts calls it): a publication that
// rolls back leaves no event behind.
import "server-only";
import type { Tx } from "@/lib/db";
import type { Principal } from "@/lib/auth";
import type { LifecycleState, MovingProduct } from "@/lib/products";
import { recordMetricEvent } from "@/lib/metrics/record";

export async function recordPublication(tx: Tx, product: MovingProduct, to: LifecycleState, actor: Principal): Promise<void> {
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
}
