"use server";
// Saves the cost model (data admins): the service decides who may, audits a refusal and validates every amount.
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/current-user";
import { toActionState, type ActionState } from "@/lib/errors";
import { saveCostModel } from "@/lib/metrics/cost-model";

export async function saveCostModelAction(_prev: ActionState | null, formData: FormData): Promise<ActionState> {
  try {
    const user = await requireUser();
    const templateMonthly: Record<string, FormDataEntryValue | null> = {};
    for (const [k, v] of formData.entries()) if (k.startsWith("templateMonthly.")) templateMonthly[k.slice("templateMonthly.".length)] = v;
    await saveCostModel(user, {
      currency: formData.get("currency"),
      centralBaselineMonthly: formData.get("centralBaselineMonthly"),
      templateMonthly,
    });
  } catch (e) {
    return toActionState(e);
  }
  revalidatePath("/metrics/cost-model");
  revalidatePath("/metrics");
  return { ok: true, message: "Cost model saved. The dashboard uses it from now on." };
}
