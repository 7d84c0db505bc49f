// Deprovisioning reverses every step (governance, serving, processing, storage) for one environment,
// after the owner gives a reason (kept on the job and in the audit log): the reason is the confirmation.
// The loads history stays; the data, roles and pipeline go.
import "server-only";
import { db } from "@/lib/db";
import { type CurrentUser, productResource } from "@/lib/auth/server";
import { ValidationError } from "@/lib/errors";
import { audit } from "@/lib/audit/writer";
import { createJob, lockDeployment } from "./create-job";
import type { EnvironmentName } from "./naming";
import { loadOwnedProduct } from "./owned-product";
import { enqueueProvisioningJob } from "@/lib/jobs/queue";
import type { ProvisionRequest } from "./types";
import { parseEnvironment, parseProductRef } from "./schema";

export async function deprovisionProduct(
  user: CurrentUser,
  input: { domain?: unknown; name?: unknown; environment?: unknown; reason?: unknown },
): Promise<{ jobId: string }> {
  const ref: { domain: string; name: string; environment: EnvironmentName } = {
    ...parseProductRef(input),
    environment: parseEnvironment(input.environment),
  };
  const product = await loadOwnedProduct(user, ref.domain, ref.name, "deprovision");
  const reason = (typeof input.reason === "string" ? input.reason : "").trim();
  if (reason === "")
    throw new ValidationError("Give a reason for deprovisioning.", {
      reason: [
        `Say why ${ref.environment} is deprovisioned: its data cannot be restored, and the reason is kept in the product's history.`,
      ],
    });
  if (reason.length > 1000)
    throw new ValidationError("Keep the reason under 1000 characters.", { reason: ["Keep the reason under 1000 characters."] });
  const existing = await db.deployment.findUnique({
    where: { productId_environment: { productId: product.id, environment: ref.environment } },
    select: {
      status: true,
      jobs: { orderBy: { createdAt: "desc" }, where: { kind: { not: "deprovision" } }, take: 1, select: { spec: true } },
    },
  });
  if (!existing || existing.status === "deprovisioned" || existing.jobs.length === 0) {
    throw new ValidationError(`There is nothing provisioned in ${ref.environment}.`);
  }
  // The reverse steps need the names the deployment was created with: reuse the last request.
  const request = existing.jobs[0].spec as unknown as ProvisionRequest;
  const job = await db.$transaction(async (tx) => {
    const deployment = await lockDeployment(tx, product.id, ref.environment);
    const created = await createJob(tx, { deploymentId: deployment.id, kind: "deprovision", request, plan: null, userId: user.id, reason });
    await audit(
      {
        subject: user.email,
        action: `deprovision:${ref.environment}`,
        resource: productResource(ref.domain, ref.name),
        decision: "allow",
        policyId: "portal-permissions",
        reason: `${ref.environment} deprovisioned by an owner. Reason: ${reason}`,
        context: { jobId: created.id, environment: ref.environment, note: reason },
      },
      tx,
    );
    return created;
  });
  await enqueueProvisioningJob(job.id);
  return { jobId: job.id };
}
