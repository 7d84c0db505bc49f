"use server";
// Compliance page actions: run the product's validation now, and acknowledge its warnings.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorize, requireUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { NotFoundError, toActionState, ValidationError, type ActionState } from "@/lib/errors";
import { productPath } from "@/lib/products/dto";
import { findProductId } from "@/lib/products/queries";
import { acknowledgeWarnings } from "@/lib/governance/acknowledge-warnings";
import { validateProductById } from "@/lib/governance/validate-products";
import { STATUS_LABELS } from "@/components/governance/compliance-badges";

const refSchema = z.object({ domain: z.string().regex(/^[a-z0-9-]{1,63}$/), name: z.string().regex(/^[a-z0-9-]{1,63}$/) });
const ackSchema = refSchema.extend({ validationId: z.uuid() });

function fields(formData: FormData, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, formData.get(k)]));
}

const pathsOf = (ref: { domain: string; name: string }) => [productPath(ref), `${productPath(ref)}/compliance`, "/governance"];

export async function validateNowAction(_prev: ActionState | null, formData: FormData): Promise<ActionState> {
  const parsed = refSchema.safeParse(fields(formData, ["domain", "name"]));
  if (!parsed.success) return { ok: false, message: "This product link is not valid. Reload the page." };
  const ref = parsed.data;
  let message: string;
  try {
    await requireUser();
    const productId = await findProductId(ref);
    if (!productId) throw new NotFoundError("This data product does not exist.");
    const user = await authorize((u) => can.validateProduct(u, { domain: ref.domain }), {
      message: "Only the product's editors, governance and data admins can run its validation.",
      action: "validate_product",
      resource: `data_product:${ref.domain}/${ref.name}`,
    });
    const result = await validateProductById(productId, { trigger: "manual", userId: user.id });
    message = `Validated: ${STATUS_LABELS[result.status].toLowerCase()} (${result.errors} error${result.errors === 1 ? "" : "s"}, ${result.warnings} warning${result.warnings === 1 ? "" : "s"}).`;
  } catch (e) {
    return toActionState(e);
  }
  for (const p of pathsOf(ref)) revalidatePath(p);
  return { ok: true, message };
}

export async function acknowledgeWarningsAction(_prev: ActionState | null, formData: FormData): Promise<ActionState> {
  const parsed = ackSchema.safeParse(fields(formData, ["domain", "name", "validationId"]));
  if (!parsed.success) return toActionState(new ValidationError("This validation link is not valid. Reload the page."));
  try {
    const user = await requireUser();
    // The service checks that the user owns the product (403 otherwise) and that this is still the latest validation.
    await acknowledgeWarnings(user, parsed.data.validationId);
  } catch (e) {
    return toActionState(e);
  }
  for (const p of pathsOf(parsed.data)) revalidatePath(p);
  return { ok: true, message: "Warnings acknowledged. The product can be published with them." };
}
