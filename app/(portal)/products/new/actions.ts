"use server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/current-user";
import { toActionState, type ActionState } from "@/lib/errors";
import { formDataToSpec } from "@/lib/products/schema";
import { registerProduct } from "@/lib/products/register-product";
import { productPath } from "@/lib/products/dto";
import { validateAfterChange } from "@/lib/governance/compliance/validate-products.db";

export async function registerProductAction(_prev: ActionState | null, formData: FormData): Promise<ActionState> {
  let path: string;
  try {
    const user = await requireUser();
    const templateKey = formData.get("templateKey");
    const created = await registerProduct(user, formDataToSpec(formData), {
      templateKey: typeof templateKey === "string" && templateKey ? templateKey : undefined,
    });
    // A new product gets its first compliance check right away, so its page shows findings.
    await validateAfterChange(created, user.id);
    path = productPath(created);
  } catch (e) {
    return toActionState(e);
  }
  revalidatePath("/catalog");
  redirect(path);
}
