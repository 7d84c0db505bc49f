"use server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/current-user";
import { optionalText } from "@/lib/validation/form-data";
import { afterSuccess, serverAction } from "@/lib/server-action";
import { formDataToSpec } from "@/lib/products/schema";
import { registerProduct } from "@/lib/products/register-product";
import { productPath } from "@/lib/products/dto";
import { withFlash } from "@/lib/flash";
import { validateAfterChange } from "@/lib/governance/compliance/validate-products.db";

export const registerProductAction = serverAction(requireUser, async (user, formData) => {
  const created = await registerProduct(user, formDataToSpec(formData), {
    templateKey: optionalText(formData, "templateKey") || undefined,
  });
  // A new product gets its first compliance check right away, so its page shows findings.
  await validateAfterChange(created, user.id);
  return afterSuccess(() => {
    revalidatePath("/catalog");
    redirect(withFlash(productPath(created), "registered"));
  });
});
