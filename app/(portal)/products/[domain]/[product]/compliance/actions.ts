"use server";
// Compliance page actions: run the product's validation now, and acknowledge its warnings.
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/current-user";
import { afterSuccess, serverAction } from "@/lib/server-action";
import { productPath } from "@/lib/products/dto";
import { acknowledgeWarnings } from "@/lib/governance/compliance/acknowledge-warnings.db";
import { validateProductNow } from "@/lib/governance/compliance/validate-now.db";
import { STATUS_LABELS } from "@/components/governance/compliance-badges";

const pathsOf = (ref: { domain: string; name: string }) => [productPath(ref), `${productPath(ref)}/compliance`, "/governance"];

export const validateNowAction = serverAction(requireUser, async (user, formData) => {
  const result = await validateProductNow(user, { domain: formData.get("domain"), name: formData.get("name") });
  const message = `Validated: ${STATUS_LABELS[result.status].toLowerCase()} (${result.errors} error${result.errors === 1 ? "" : "s"}, ${result.warnings} warning${result.warnings === 1 ? "" : "s"}).`;
  return afterSuccess(() => {
    for (const p of pathsOf(result.ref)) revalidatePath(p);
    return { ok: true, message };
  });
});

export const acknowledgeWarningsAction = serverAction(requireUser, async (user, formData) => {
  // The service checks the id, that the user owns the product (403 otherwise) and that this is still the latest validation.
  const { ref } = await acknowledgeWarnings(user, formData.get("validationId"));
  return afterSuccess(() => {
    for (const p of pathsOf(ref)) revalidatePath(p);
    return { ok: true, message: "Warnings acknowledged. The product can be published with them." };
  });
});
