// Who may see a job (its logs, outputs and plan): the product's owners and its domain's members.
import "server-only";
import { assertCan, type CurrentUser } from "@/lib/auth/server";
import { NotFoundError } from "@/lib/errors";
import { getJob, getJobPlan, type JobDto } from "./queries";

export async function getVisibleJob(user: CurrentUser, jobId: string): Promise<JobDto> {
  const job = /^[0-9a-f-]{36}$/i.test(jobId) ? await getJob(jobId) : null;
  if (!job) throw new NotFoundError("This provisioning job does not exist.");
  await assertCan(user, "viewDeployments", [{ domain: job.product.domain }], {
    action: "view_job",
    resource: `provisioning_job:${job.id}`,
    message: "Only the product's owners and domain members can see its jobs.",
  });
  return job;
}

export async function getVisiblePlan(user: CurrentUser, jobId: string) {
  const plan = /^[0-9a-f-]{36}$/i.test(jobId) ? await getJobPlan(jobId) : null;
  if (!plan) throw new NotFoundError("This job has no plan.");
  await assertCan(user, "viewDeployments", [{ domain: plan.domain }], {
    action: "view_plan",
    resource: `provisioning_job:${jobId}`,
    message: "Only the product's owners and domain members can see its plans.",
  });
  return plan;
}
