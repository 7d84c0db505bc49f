// An owner accepts the warnings of a product's latest validation, which lets it be published with them.
// Only the latest validation can be acknowledged: a later change to the product or its policy creates a
// new validation, whose warnings need a new look.
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import type { Principal } from "@/lib/auth";
import { assertCan } from "@/lib/auth/server";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { audit } from "@/lib/audit/writer";

export async function acknowledgeWarnings(
  user: Principal,
  validationIdInput: unknown,
): Promise<{ acknowledgedAt: string; ref: { domain: string; name: string } }> {
  // The id comes from a hidden input: anything but a uuid names no validation.
  const parsed = z.uuid().safeParse(validationIdInput);
  if (!parsed.success) throw new ValidationError("This validation link is not valid. Reload the page.");
  const validationId = parsed.data;
  const validation = await db.productValidation.findUnique({
    where: { id: validationId },
    select: {
      id: true,
      productId: true,
      warnings: true,
      acknowledgedAt: true,
      product: { select: { name: true, domain: { select: { slug: true } } } },
    },
  });
  if (!validation) throw new NotFoundError("This validation does not exist.");
  const ref = { domain: validation.product.domain.slug };
  const entry = {
    subject: user.email,
    action: "acknowledge_warnings",
    resource: `data_product:${ref.domain}/${validation.product.name}`,
    context: { validationId },
  };
  await assertCan(user, "acknowledgeWarnings", [ref], {
    action: entry.action,
    resource: entry.resource,
    context: entry.context,
    message: "Only the product's owners and data admins may acknowledge its warnings.",
  });
  if (validation.warnings === 0) throw new ValidationError("This validation has no warnings to acknowledge.");
  const product = { domain: ref.domain, name: validation.product.name };

  return db.$transaction(async (tx) => {
    const latest = await tx.productValidation.findFirst({
      where: { productId: validation.productId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true },
    });
    if (latest?.id !== validation.id)
      throw new ConflictError("The product was validated again since. Review the latest findings and acknowledge those.");
    if (validation.acknowledgedAt) return { acknowledgedAt: validation.acknowledgedAt.toISOString(), ref: product };
    const now = new Date();
    const updated = await tx.productValidation.updateMany({
      where: { id: validation.id, acknowledgedAt: null },
      data: { acknowledgedAt: now, acknowledgedById: user.id },
    });
    if (updated.count !== 1) throw new ConflictError("Someone acknowledged these warnings at the same time. Reload the page.");
    await audit(
      {
        ...entry,
        decision: "allow",
        reason: `${validation.warnings} warning${validation.warnings === 1 ? "" : "s"} acknowledged by an owner.`,
      },
      tx,
    );
    return { acknowledgedAt: now.toISOString(), ref: product };
  });
}
