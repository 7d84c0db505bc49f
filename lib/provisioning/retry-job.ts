// Retrying a failed job resumes it from the step that failed: earlier, succeeded steps are kept, the
// failed step and those after it run again (every step is idempotent).
import "server-only";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/server";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { loadOwnedProduct } from "./owned-product";
import { enqueueProvisioningJob } from "@/lib/jobs/queue";
import { parseJobId } from "./schema";

export async function retryProvisioningJob(
  user: CurrentUser,
  jobIdInput: unknown,
): Promise<{ jobId: string; fromStep: string; ref: { domain: string; name: string } }> {
  const jobId = parseJobId(jobIdInput);
  const job = await db.provisioningJob.findUnique({
    where: { id: jobId },
    select: {
      status: true,
      deploymentId: true,
      kind: true,
      deployment: { select: { product: { select: { name: true, domain: { select: { slug: true } } } } } },
      steps: { orderBy: { position: "asc" }, select: { id: true, step: true, status: true, position: true } },
    },
  });
  if (!job) throw new NotFoundError("This provisioning job does not exist.");
  await loadOwnedProduct(user, job.deployment.product.domain.slug, job.deployment.product.name, "retry jobs of");
  if (job.status !== "failed") throw new ValidationError("Only a failed job can be retried.");
  const failed = job.steps.find((s) => s.status === "failed");
  if (!failed) throw new ValidationError("This job has no failed step to retry.");
  await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM deployments WHERE id = ${job.deploymentId}::uuid FOR UPDATE`;
    const busy = await tx.provisioningJob.count({ where: { deploymentId: job.deploymentId, status: { in: ["queued", "running"] } } });
    if (busy > 0) throw new ConflictError("Another job of this deployment is queued or running.");
    const reset = await tx.provisioningJob.updateMany({
      where: { id: jobId, status: "failed" },
      data: { status: "queued", error: null, finishedAt: null },
    });
    if (reset.count !== 1) throw new ConflictError("The job changed meanwhile; reload the page.");
    await tx.provisioningStep.updateMany({
      where: { jobId, position: { gte: failed.position } },
      data: { status: "pending", error: null, finishedAt: null, durationMs: null },
    });
    await tx.$executeRaw`UPDATE provisioning_steps SET logs = logs || ${JSON.stringify([{ at: new Date().toISOString(), level: "info", message: `Retry requested by ${user.email}` }])}::jsonb WHERE id = ${failed.id}::uuid`;
    await tx.deployment.update({
      where: { id: job.deploymentId },
      data: { status: job.kind === "deprovision" ? "deprovisioning" : "provisioning" },
    });
  });
  await enqueueProvisioningJob(jobId);
  return { jobId, fromStep: failed.step, ref: { domain: job.deployment.product.domain.slug, name: job.deployment.product.name } };
}
