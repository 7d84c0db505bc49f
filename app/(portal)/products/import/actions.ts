"use server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/current-user";
import { afterSuccess, serverAction } from "@/lib/server-action";
import { importProduct, previewImport } from "@/lib/products/import-product";
import { productPath } from "@/lib/products/dto";
import { validateAfterChange } from "@/lib/governance/compliance/validate-products.db";

// One form, two buttons: "Preview" says what would happen (nothing is written), "Import" does it.
export const importProductAction = serverAction(requireUser, async (user, formData) => {
  const choices = { domain: formData.get("domain"), owner: formData.get("owner") };
  if (formData.get("intent") === "preview") {
    const preview = await previewImport(user, formData.get("document"), formData.get("format"), choices);
    return { ok: true, data: { preview } };
  }
  const result = await importProduct(user, formData.get("document"), formData.get("format"), formData.get("changeNote"), choices);
  await validateAfterChange(result, user.id);
  return afterSuccess(() => {
    revalidatePath("/catalog");
    redirect(`${productPath(result)}?imported=${result.action}`);
  });
});
