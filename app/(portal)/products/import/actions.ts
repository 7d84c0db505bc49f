"use server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/current-user";
import { afterSuccess, serverAction } from "@/lib/server-action";
import { importProduct } from "@/lib/products/import-product";
import { productPath } from "@/lib/products/dto";
import { validateAfterChange } from "@/lib/governance/compliance/validate-products.db";

export const importProductAction = serverAction(requireUser, async (user, formData) => {
  const result = await importProduct(user, formData.get("document"), formData.get("format"), formData.get("changeNote"));
  await validateAfterChange(result, user.id);
  return afterSuccess(() => {
    revalidatePath("/catalog");
    redirect(`${productPath(result)}?imported=${result.action}`);
  });
});
