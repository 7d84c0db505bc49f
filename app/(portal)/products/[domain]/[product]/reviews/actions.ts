"use server";
// Rate / review a product (one rating per user, editable). The service authorizes and validates.
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/current-user";
import { toActionState, type ActionState } from "@/lib/errors";
import { rateProduct } from "@/lib/consumers/rate-product";

export async function rateProductAction(_prev: ActionState | null, formData: FormData): Promise<ActionState> {
  let created: boolean;
  const href = formData.get("productHref");
  try {
    const user = await requireUser();
    ({ created } = await rateProduct(user, {
      productId: formData.get("productId"),
      score: formData.get("score") ?? undefined,
      review: formData.get("review") ?? "",
    }));
  } catch (e) {
    return toActionState(e);
  }
  if (typeof href === "string" && /^\/products\/[a-z0-9-]+\/[a-z0-9-]+$/.test(href)) {
    revalidatePath(href);
    revalidatePath(`${href}/reviews`);
  }
  return { ok: true, message: created ? "Thanks for your rating." : "Your rating was updated." };
}
