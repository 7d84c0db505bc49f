// Validates every demo product against its effective policy once the mesh (and its quality history) is
// in place, so the governance overview and the compliance pages start from real results.
import { revalidateProducts, type RevalidateSummary } from "@/lib/governance/revalidation/process-run.db";

export async function seedCompliance(): Promise<RevalidateSummary> {
  return revalidateProducts({ trigger: "seed" });
}
