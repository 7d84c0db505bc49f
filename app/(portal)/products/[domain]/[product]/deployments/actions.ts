"use server";
// Provisioning actions of a product's Deployments section and job page. Each authenticates, validates
// its hidden inputs, and leaves ownership and governance checks to the services (which fail closed).
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/current-user";
import { ValidationError, toActionState, type ActionState } from "@/lib/errors";
import { productPath } from "@/lib/products/dto";
import { deprovisionProduct } from "@/lib/provisioning/deprovision-product";
import { runPipelineNow } from "@/lib/provisioning/pipeline-run";
import { promoteProduct } from "@/lib/provisioning/promote-product";
import { provisionProduct } from "@/lib/provisioning/provision-product";
import { retryProvisioningJob } from "@/lib/provisioning/retry-job";
import { confirmSchema, environmentSchema, jobIdSchema, productRefSchema } from "@/lib/provisioning/schema";

function refOf(formData: FormData) {
  const r = productRefSchema.safeParse({ domain: formData.get("domain"), name: formData.get("name") });
  if (!r.success) throw new ValidationError("This data product does not exist.");
  return r.data;
}

function environmentOf(formData: FormData) {
  const r = environmentSchema.safeParse(formData.get("environment"));
  if (!r.success) throw new ValidationError("Choose staging or production.", { environment: [r.error.issues[0].message] });
  return r.data;
}

// safeParse: a tampered checkbox value is bad input (a field error), not a server fault.
function confirmed(formData: FormData): boolean {
  const r = confirmSchema.safeParse(formData.get("confirm") ?? undefined);
  if (!r.success) throw new ValidationError("Tick the box to confirm.", { confirm: ["Tick the box to confirm."] });
  return r.data;
}

function refresh(ref: { domain: string; name: string }) {
  revalidatePath(productPath(ref));
}

export async function provisionAction(_prev: ActionState | null, formData: FormData): Promise<ActionState> {
  try {
    const user = await requireUser();
    const ref = refOf(formData);
    const { jobId } = await provisionProduct(user, ref);
    refresh(ref);
    return { ok: true, message: "Provisioning to staging has started.", data: { jobId } };
  } catch (e) {
    return toActionState(e);
  }
}

export async function promoteAction(_prev: ActionState | null, formData: FormData): Promise<ActionState> {
  try {
    const user = await requireUser();
    const ref = refOf(formData);
    const { jobId } = await promoteProduct(user, { ...ref, confirmed: confirmed(formData) });
    refresh(ref);
    return { ok: true, message: "Promotion to production has started.", data: { jobId } };
  } catch (e) {
    return toActionState(e);
  }
}

export async function deprovisionAction(_prev: ActionState | null, formData: FormData): Promise<ActionState> {
  try {
    const user = await requireUser();
    const ref = refOf(formData);
    const environment = environmentOf(formData);
    const reason = formData.get("reason");
    const { jobId } = await deprovisionProduct(user, {
      ...ref,
      environment,
      reason: typeof reason === "string" ? reason : "",
    });
    refresh(ref);
    return { ok: true, message: `Deprovisioning ${environment} has started.`, data: { jobId } };
  } catch (e) {
    return toActionState(e);
  }
}

export async function retryJobAction(_prev: ActionState | null, formData: FormData): Promise<ActionState> {
  try {
    const user = await requireUser();
    const ref = refOf(formData);
    const id = jobIdSchema.safeParse(formData.get("jobId"));
    if (!id.success) throw new ValidationError("This provisioning job does not exist.");
    const { fromStep } = await retryProvisioningJob(user, id.data);
    refresh(ref);
    revalidatePath(`${productPath(ref)}/deployments/${id.data}`);
    return { ok: true, message: `Retrying from the ${fromStep} step.`, data: { jobId: id.data } };
  } catch (e) {
    return toActionState(e);
  }
}

export async function runPipelineAction(_prev: ActionState | null, formData: FormData): Promise<ActionState> {
  try {
    const user = await requireUser();
    const ref = refOf(formData);
    const result = await runPipelineNow(user, { ...ref, environment: environmentOf(formData) });
    refresh(ref);
    return { ok: result.status === "succeeded", message: result.message };
  } catch (e) {
    return toActionState(e);
  }
}
