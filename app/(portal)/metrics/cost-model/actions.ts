"use server";
// Saves the cost model (data admins): the service decides who may, audits a refusal and validates every amount.
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/current-user";
import { afterSuccess, serverAction } from "@/lib/server-action";
import { saveCostModel } from "@/lib/metrics/cost-model";

export const saveCostModelAction = serverAction(requireUser, async (user, formData) => {
  const templateMonthly: Record<string, FormDataEntryValue | null> = {};
  for (const [k, v] of formData.entries()) if (k.startsWith("templateMonthly.")) templateMonthly[k.slice("templateMonthly.".length)] = v;
  await saveCostModel(user, {
    currency: formData.get("currency"),
    centralBaselineMonthly: formData.get("centralBaselineMonthly"),
    templateMonthly,
  });
  return afterSuccess(() => {
    revalidatePath("/metrics/cost-model");
    revalidatePath("/metrics");
    return { ok: true, message: "Cost model saved. The dashboard uses it from now on." };
  });
});
