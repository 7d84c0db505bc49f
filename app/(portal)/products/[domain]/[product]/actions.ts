"use server";
// Lifecycle moves from the product page. moveLifecycle checks the product and target state, the
// transition, the user's right to make it and the reason (and sunset date) that deprecating and retiring need.
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/current-user";
import { optionalText } from "@/lib/validation/form-data";
import { afterSuccess, serverAction } from "@/lib/server-action";
import { productPath } from "@/lib/products/dto";
import { moveLifecycle } from "@/lib/products/move-lifecycle";

export const moveLifecycleAction = serverAction(requireUser, async (user, formData) => {
  const ref = { domain: optionalText(formData, "domain") ?? "", name: optionalText(formData, "name") ?? "" };
  const to = optionalText(formData, "to") ?? "";
  await moveLifecycle(user, ref, to, optionalText(formData, "note"), optionalText(formData, "sunsetOn"));
  return afterSuccess(() => {
    revalidatePath(productPath(ref));
    revalidatePath("/catalog");
    return { ok: true, message: `The product is now ${to.replace("_", " ")}.` };
  });
});
