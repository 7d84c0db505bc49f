"use server";
// Rate / review a product (one rating per user, editable). The service authorizes and validates.
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/current-user";
import { afterSuccess, serverAction } from "@/lib/server-action";
import { rateProduct } from "@/lib/consumers/rate-product";

export const rateProductAction = serverAction(requireUser, async (user, formData) => {
  const href = formData.get("productHref");
  const { created } = await rateProduct(user, {
    productId: formData.get("productId"),
    score: formData.get("score") ?? undefined,
    review: formData.get("review") ?? "",
  });
  return afterSuccess(() => {
    if (typeof href === "string" && /^\/products\/[a-z0-9-]+\/[a-z0-9-]+$/.test(href)) {
      revalidatePath(href);
      revalidatePath(`${href}/reviews`);
    }
    return { ok: true, message: created ? "Thanks for your rating." : "Your rating was updated." };
  });
});
