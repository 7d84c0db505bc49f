"use server";
// Saves the edit form. saveProductVersion validates the spec, authorizes, enforces semver for published
// products and rejects a save based on a stale copy (lockVersion).
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/current-user";
import { number, text } from "@/lib/validation/form-data";
import { afterSuccess, serverAction } from "@/lib/server-action";
import { productPath } from "@/lib/products/dto";
import { withFlash } from "@/lib/flash";
import { formDataToSpec } from "@/lib/products/schema";
import { saveProductVersion } from "@/lib/products/save-version";
import { validateAfterChange } from "@/lib/governance/compliance/validate-products.db";

export const saveProductAction = serverAction(requireUser, async (user, formData) => {
  // Name and domain are read-only in the form and identify the product; the service refuses a spec
  // whose name or domain differ from them and checks the user's rights on that product.
  const ref = { domain: text(formData, "domain", { trim: true }), name: text(formData, "name", { trim: true }) };
  await saveProductVersion(user, {
    ...ref,
    spec: formDataToSpec(formData),
    changeNote: text(formData, "changeNote", { trim: true }),
    // NaN when the form sent none: the service refuses it rather than skip the concurrency check.
    expectedLockVersion: number(formData, "lockVersion") ?? Number.NaN,
  });
  // A changed product gets a fresh compliance check (and any acknowledgement of warnings lapses).
  await validateAfterChange(ref, user.id);
  return afterSuccess(() => {
    const path = productPath(ref);
    revalidatePath(path);
    revalidatePath("/catalog");
    redirect(withFlash(path, "saved"));
  });
});
