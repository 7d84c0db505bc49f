// Who may see a job (its logs, outputs and plan): the product's owners and its domain's members.
import "server-only";
import { can } from "@/lib/auth/permissions";
import type { CurrentUser } from "@/lib/auth/current-user";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { getJob, getJobPlan, type JobDto } from "./queries";

export async function getVisibleJob(user: CurrentUser, jobId: string): Promise<JobDto> {
  const job = /^[0-9a-f-]{36}$/i.test(jobId) ? await getJob(jobId) : null;
  if (!job) throw new NotFoundError("This provisioning job does not exist.");
  if (!can.viewDeployments(user, { domain: job.product.domain, owner: job.product.owner })) throw new ForbiddenError("Only the product's owners and domain members can see its jobs.");
  return job;
}

export async function getVisiblePlan(user: CurrentUser, jobId: string) {
  const plan = /^[0-9a-f-]{36}$/i.test(jobId) ? await getJobPlan(jobId) : null;
  if (!plan) throw new NotFoundError("This job has no plan.");
  if (!can.viewDeployments(user, { domain: plan.domain, owner: plan.owner })) throw new ForbiddenError("Only the product's owners and domain members can see its plans.");
  return plan;
}
