"use server";
// "Run quality check" on the product page: measures the provisioned table and stores the run.
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/current-user";
import { afterSuccess, serverAction } from "@/lib/server-action";
import { runQualityCheck } from "@/lib/quality/run-quality-check";

export const runQualityCheckAction = serverAction(requireUser, async (user, formData) => {
  const href = formData.get("productHref");
  const { score } = await runQualityCheck(user, formData.get("productId"));
  return afterSuccess(() => {
    if (typeof href === "string" && /^\/products\/[a-z0-9-]+\/[a-z0-9-]+$/.test(href)) {
      revalidatePath(href);
      revalidatePath(`${href}/quality`);
    }
    return { ok: true, message: `Quality check done: score ${score.toFixed(1)} / 100.` };
  });
});
