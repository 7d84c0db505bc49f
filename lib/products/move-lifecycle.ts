// Moves a product along its lifecycle, recording who did it and when.
import "server-only";
import { db } from "@/lib/db";
import { can } from "@/lib/auth/permissions";
import type { CurrentUser } from "@/lib/auth/current-user";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { findTransition } from "@/lib/products/lifecycle";
import type { LifecycleState } from "@/lib/products/types";

export type LifecycleHook = (tx: Parameters<Parameters<typeof db.$transaction>[0]>[0], product: { id: string; domain: string; name: string }, to: LifecycleState) => Promise<void>;

/** Extra checks before a transition (governance plugs its publish gate in here). */
const hooks: LifecycleHook[] = [];
export function onLifecycleTransition(hook: LifecycleHook): void {
  hooks.push(hook);
}

export async function moveLifecycle(user: CurrentUser, ref: { domain: string; name: string }, to: LifecycleState, note = ""): Promise<void> {
  await db.$transaction(async (tx) => {
    const product = await tx.dataProduct.findFirst({
      where: { name: ref.name, domain: { slug: ref.domain } },
      select: { id: true, owner: true, lifecycle: true },
    });
    if (!product) throw new NotFoundError("This data product does not exist.");
    const transition = findTransition(product.lifecycle as LifecycleState, to);
    if (!transition) throw new ValidationError(`A ${product.lifecycle.replace("_", " ")} product cannot move to ${to.replace("_", " ")}.`);
    const productRef = { domain: ref.domain, owner: product.owner };
    const allowed = transition.gate === "editor" ? can.submitProduct(user, productRef) : can.moveLifecycle(user, productRef);
    if (!allowed) throw new ForbiddenError("Only the product's owners and data admins can do that.");
    for (const hook of hooks) await hook(tx, { id: product.id, ...ref }, to);
    const moved = await tx.dataProduct.updateMany({
      where: { id: product.id, lifecycle: product.lifecycle },
      data: { lifecycle: to, lockVersion: { increment: 1 }, ...(to === "published" ? { publishedAt: new Date() } : {}) },
    });
    if (moved.count !== 1) throw new ConflictError("The product changed state meanwhile. Reload and try again.");
    await tx.lifecycleEvent.create({ data: { productId: product.id, fromState: product.lifecycle, toState: to, actorId: user.id, note } });
  });
}
