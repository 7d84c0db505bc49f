"use server";
// Moves a domain between rollout stages (data admins); the service decides who may (and audits a refusal).
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/current-user";
import { afterSuccess, serverAction } from "@/lib/server-action";
import { setDomainStage, STAGE_LABELS, type RolloutStageName } from "@/lib/metrics/rollout";

export const setDomainStageAction = serverAction(requireUser, async (user, formData) => {
  const input = { slug: formData.get("slug"), stage: formData.get("stage") };
  const { changed } = await setDomainStage(user, input);
  const message = changed ? `Moved to ${STAGE_LABELS[input.stage as RolloutStageName]}.` : "Already in that stage.";
  return afterSuccess(() => {
    revalidatePath("/metrics/rollout");
    revalidatePath("/metrics");
    return { ok: true, message };
  });
});
