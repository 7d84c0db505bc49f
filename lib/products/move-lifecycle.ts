// Moves a product along its lifecycle, recording who did it and when.
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { assertCan, productResource, recordDenial, type CurrentUser } from "@/lib/auth/server";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { checkMoveDetails, findTransition } from "@/lib/products/lifecycle";
import { LIFECYCLE_STATES, type LifecycleState } from "@/lib/products/types";
// Called below, by the only service that moves lifecycles, so no caller (action, API, seed, test) can
// publish without the gate.
import { publishGate } from "@/lib/governance/server";
import { recordPublication } from "@/lib/metrics/server";
import { publishEvent } from "@/lib/notifications/server";

// The product and target state as any caller sends them (a form's hidden inputs, a script): checked here.
const moveSchema = z.object({ domain: z.string().min(1), name: z.string().min(1), to: z.enum(LIFECYCLE_STATES) });
import { catalogChanged } from "@/lib/products/catalog-cache";
import { impactOfChange, liveDownstream } from "@/lib/lineage/server";
import { can } from "@/lib/auth";
import { audit } from "@/lib/audit/writer";
import type { Tx } from "@/lib/db";

/**
 * `note` is the reason, required for moves that cannot be undone (deprecate, retire); `sunsetOn`
 * (YYYY-MM-DD, after today) is required to deprecate. Refused input changes nothing.
 */
export async function moveLifecycle(
  user: CurrentUser,
  refInput: { domain?: unknown; name?: unknown },
  toInput: unknown,
  note = "",
  sunsetOn?: string | null,
): Promise<void> {
  const parsed = moveSchema.safeParse({ domain: refInput.domain, name: refInput.name, to: toInput });
  if (!parsed.success) throw new ValidationError("Choose one of the lifecycle actions shown.");
  const { to, ...ref } = parsed.data;
  await db.$transaction(async (tx) => {
    const product = await tx.dataProduct.findFirst({
      where: { name: ref.name, domain: { slug: ref.domain } },
      select: { id: true, lifecycle: true },
    });
    if (!product) throw new NotFoundError("This data product does not exist.");
    const transition = findTransition(product.lifecycle as LifecycleState, to);
    if (!transition) throw new ValidationError(`A ${product.lifecycle.replace("_", " ")} product cannot move to ${to.replace("_", " ")}.`);
    await assertCan(user, transition.gate === "editor" ? "submitProduct" : "moveLifecycle", [{ domain: ref.domain }], {
      action: `lifecycle:${to}`,
      resource: productResource(ref.domain, ref.name),
      reason: `Not an ${transition.gate === "editor" ? "editor" : "owner"} of the product.`,
      context: { from: product.lifecycle, to },
      message: "Only the product's owners and data admins can do that.",
    });
    // After the permission check, so an outsider learns nothing from field errors.
    const checked = checkMoveDetails(to, { note, sunsetOn }, new Date().toISOString().slice(0, 10));
    if (!checked.ok) throw new ValidationError(checked.errors.note?.[0] ?? checked.errors.sunsetOn[0], checked.errors);
    const details = checked.details;
    if (to === "retired") await assertRetireAllowed(tx, user, { id: product.id, ...ref });
    const moving = { id: product.id, ...ref, from: product.lifecycle as LifecycleState };
    // Governance: publishing re-validates (errors block, unacknowledged warnings block); every move is audited.
    // Throws to refuse the move, which rolls the transaction back.
    await publishGate(tx, moving, to, user, details);
    // Success metrics: the publication event commits or rolls back with the move.
    await recordPublication(tx, moving, to, user);
    const sunset = details.sunsetOn ? new Date(`${details.sunsetOn}T00:00:00Z`) : null;
    const moved = await tx.dataProduct.updateMany({
      where: { id: product.id, lifecycle: product.lifecycle },
      data: {
        lifecycle: to,
        lockVersion: { increment: 1 },
        ...(to === "published" ? { publishedAt: new Date() } : {}),
        // Deprecating announces the sunset; un-deprecating withdraws it; retiring keeps it on record.
        ...(to === "deprecated" ? { sunsetOn: sunset } : to === "published" ? { sunsetOn: null } : {}),
      },
    });
    if (moved.count !== 1) throw new ConflictError("The product changed state meanwhile. Reload and try again.");
    await tx.lifecycleEvent.create({
      data: { productId: product.id, fromState: product.lifecycle, toState: to, actorId: user.id, note: details.note, sunsetOn: sunset },
    });
    // Its consumers (grant holders, recent readers, followers, downstream owners) hear of a deprecation with the move.
    if (to === "deprecated")
      await publishEvent(
        {
          type: "product.deprecated",
          actorId: user.id,
          product: { id: product.id, domain: ref.domain, name: ref.name },
          sunsetOn: details.sunsetOn ?? null,
          note: details.note,
        },
        tx,
      );
    // Retiring ends serving: the same people (and downstream owners, whose sources it leaves) are told.
    if (to === "retired")
      await publishEvent(
        { type: "product.retired", actorId: user.id, product: { id: product.id, domain: ref.domain, name: ref.name }, note: details.note },
        tx,
      );
  });
  catalogChanged(); // this process's catalog answers now, the others' on the commit's notification
}

/**
 * Retiring a product that live downstream products read from breaks them: only a data admin may, with the
 * reason the move already requires. The refusal is a field error on the reason, audited like any denial; an
 * allowed retirement over dependents is audited with the products it leaves without a source.
 */
async function assertRetireAllowed(tx: Tx, user: CurrentUser, product: { id: string; domain: string; name: string }): Promise<void> {
  const dependents = liveDownstream(await impactOfChange(product.id, tx));
  if (dependents.length === 0) return;
  const names = dependents.map((p) => `${p.domain}/${p.name}`);
  const listed = names.length > 5 ? `${names.slice(0, 5).join(", ")} and ${names.length - 5} more` : names.join(", ");
  const resource = productResource(product.domain, product.name);
  if (!can.retireWithDependents(user)) {
    const message = `${names.length} live product${names.length === 1 ? "" : "s"} read from this one (${listed}): only a data admin can retire it.`;
    await recordDenial(user, {
      action: "lifecycle:retired",
      resource,
      reason: `Retiring a product with live downstream dependents needs data_admin (${listed}).`,
      context: { dependents: names },
    });
    throw new ValidationError(message, { note: [message] });
  }
  await audit(
    {
      subject: user.email,
      action: "lifecycle:retire_with_dependents",
      resource,
      decision: "allow",
      policyId: "portal-permissions",
      reason: `Retired by a data admin while ${listed} still read from it.`,
      context: { dependents: names },
    },
    tx,
  );
}
