"use server";
// "Run quality check" on the product page: measures the provisioned table and stores the run.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireUser } from "@/lib/auth/current-user";
import { toActionState, ValidationError, type ActionState } from "@/lib/errors";
import { runQualityCheck } from "@/lib/quality/run-quality-check";

export async function runQualityCheckAction(_prev: ActionState | null, formData: FormData): Promise<ActionState> {
  let score: number;
  const href = formData.get("productHref");
  try {
    const id = z.uuid().safeParse(formData.get("productId"));
    if (!id.success) throw new ValidationError("Unknown product.");
    const user = await requireUser();
    ({ score } = await runQualityCheck(user, id.data));
  } catch (e) {
    return toActionState(e);
  }
  if (typeof href === "string" && /^\/products\/[a-z0-9-]+\/[a-z0-9-]+$/.test(href)) {
    revalidatePath(href);
    revalidatePath(`${href}/quality`);
  }
  return { ok: true, message: `Quality check done: score ${score.toFixed(1)} / 100.` };
}
