"use server";
// Moves a domain between rollout stages (data admins); the service decides who may (and audits a refusal).
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/current-user";
import { toActionState, type ActionState } from "@/lib/errors";
import { setDomainStage, STAGE_LABELS, type RolloutStageName } from "@/lib/metrics/rollout";

export async function setDomainStageAction(_prev: ActionState | null, formData: FormData): Promise<ActionState> {
  let message: string;
  try {
    const user = await requireUser();
    const input = { slug: formData.get("slug"), stage: formData.get("stage") };
    const { changed } = await setDomainStage(user, input);
    message = changed ? `Moved to ${STAGE_LABELS[input.stage as RolloutStageName]}.` : "Already in that stage.";
  } catch (e) {
    return toActionState(e);
  }
  revalidatePath("/metrics/rollout");
  revalidatePath("/metrics");
  return { ok: true, message };
}
