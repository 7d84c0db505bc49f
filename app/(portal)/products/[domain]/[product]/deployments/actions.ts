"use server";
// Provisioning actions of a product's Deployments section and job page. Each authenticates; the
// services check the hidden inputs, ownership and governance (and fail closed).
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/current-user";
import { serverAction } from "@/lib/server-action";
import { productPath } from "@/lib/products/dto";
import { deprovisionProduct } from "@/lib/provisioning/deprovision-product";
import { runPipelineNow } from "@/lib/provisioning/pipeline-run";
import { promoteProduct } from "@/lib/provisioning/promote-product";
import { provisionProduct } from "@/lib/provisioning/provision-product";
import { retryProvisioningJob } from "@/lib/provisioning/retry-job";
import { parseEnvironment, parseProductRef } from "@/lib/provisioning/schema";

const refInput = (formData: FormData) => ({ domain: formData.get("domain"), name: formData.get("name") });

function refresh(ref: { domain: string; name: string }) {
  revalidatePath(productPath(ref));
}

export const provisionAction = serverAction(requireUser, async (user, formData) => {
  const ref = refInput(formData);
  const { jobId } = await provisionProduct(user, ref);
  refresh(parseProductRef(ref));
  return { ok: true, message: "Provisioning to staging has started.", data: { jobId } };
});

export const promoteAction = serverAction(requireUser, async (user, formData) => {
  const ref = refInput(formData);
  const { jobId } = await promoteProduct(user, { ...ref, confirmed: formData.get("confirm") ?? undefined });
  refresh(parseProductRef(ref));
  return { ok: true, message: "Promotion to production has started.", data: { jobId } };
});

export const deprovisionAction = serverAction(requireUser, async (user, formData) => {
  const input = { ...refInput(formData), environment: formData.get("environment"), reason: formData.get("reason") };
  const { jobId } = await deprovisionProduct(user, input);
  refresh(parseProductRef(input));
  return { ok: true, message: `Deprovisioning ${parseEnvironment(input.environment)} has started.`, data: { jobId } };
});

export const retryJobAction = serverAction(requireUser, async (user, formData) => {
  const { jobId, fromStep, ref } = await retryProvisioningJob(user, formData.get("jobId"));
  refresh(ref);
  revalidatePath(`${productPath(ref)}/deployments/${jobId}`);
  return { ok: true, message: `Retrying from the ${fromStep} step.`, data: { jobId } };
});

export const runPipelineAction = serverAction(requireUser, async (user, formData) => {
  const ref = refInput(formData);
  const result = await runPipelineNow(user, { ...ref, environment: formData.get("environment") });
  refresh(parseProductRef(ref));
  return { ok: result.status === "succeeded", message: result.message };
});
