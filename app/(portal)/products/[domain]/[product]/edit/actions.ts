"use server";
// Saves the edit form. saveProductVersion validates the spec, authorizes, enforces semver for published
// products and rejects a save based on a stale copy (lockVersion).
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/current-user";
import { toActionState, ValidationError, type ActionState } from "@/lib/errors";
import { productPath } from "@/lib/products/dto";
import { formDataToSpec } from "@/lib/products/schema";
import { saveProductVersion } from "@/lib/products/save-version";
import { validateAfterChange } from "@/lib/governance/compliance/validate-products.db";

function text(formData: FormData, key: string): string {
  const value = formData.get(key);
  return typeof value === "string" ? value.trim() : "";
}

export async function saveProductAction(_prev: ActionState | null, formData: FormData): Promise<ActionState> {
  let path: string;
  try {
    const user = await requireUser();
    // Name and domain are read-only in the form and identify the product; the service refuses a spec
    // whose name or domain differ from them and checks the user's rights on that product.
    const ref = { domain: text(formData, "domain"), name: text(formData, "name") };
    const rawLock = text(formData, "lockVersion");
    const lockVersion = rawLock === "" ? Number.NaN : Number(rawLock);
    // Without a valid lock version the concurrency check would be skipped: fail closed instead.
    if (!Number.isInteger(lockVersion)) {
      throw new ValidationError("This form is out of date. Reload the page and apply your change again.");
    }
    await saveProductVersion(user, {
      ...ref,
      spec: formDataToSpec(formData),
      changeNote: text(formData, "changeNote"),
      expectedLockVersion: lockVersion,
    });
    // A changed product gets a fresh compliance check (and any acknowledgement of warnings lapses).
    await validateAfterChange(ref, user.id);
    path = productPath(ref);
  } catch (e) {
    return toActionState(e);
  }
  revalidatePath(path);
  revalidatePath("/catalog");
  redirect(path);
}
