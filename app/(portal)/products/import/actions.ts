"use server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/current-user";
import { toActionState, type ActionState } from "@/lib/errors";
import { IMPORT_FORMATS, importProduct, type ImportFormat } from "@/lib/products/import-product";
import { productPath } from "@/lib/products/dto";
import { validateAfterChange } from "@/lib/governance/compliance/validate-products.db";

export async function importProductAction(_prev: ActionState | null, formData: FormData): Promise<ActionState> {
  let path: string;
  try {
    const user = await requireUser();
    const text = formData.get("document");
    const rawFormat = formData.get("format");
    const format = (IMPORT_FORMATS as readonly string[]).includes(String(rawFormat)) ? (rawFormat as ImportFormat) : "auto";
    const note = formData.get("changeNote");
    const result = await importProduct(
      user,
      typeof text === "string" ? text : "",
      format,
      typeof note === "string" ? note.trim() : undefined,
    );
    await validateAfterChange(result, user.id);
    path = `${productPath(result)}?imported=${result.action}`;
  } catch (e) {
    return toActionState(e);
  }
  revalidatePath("/catalog");
  redirect(path);
}
