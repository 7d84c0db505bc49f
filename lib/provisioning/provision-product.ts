// Provisioning starts in staging (the seed's deployment phase: deploy_to_staging first). The owner
// asks from the product page; the product must pass governance validation; the job is queued.
import "server-only";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/server";
import { ValidationError } from "@/lib/errors";
import { assertPassesGovernance, buildRequest } from "./build-request";
import { createJob, lockDeployment } from "./create-job";
import { loadOwnedProduct } from "./owned-product";
import { enqueueProvisioningJob } from "@/lib/jobs/queue";
import { parseProductRef } from "./schema";

export async function provisionProduct(user: CurrentUser, refInput: { domain?: unknown; name?: unknown }): Promise<{ jobId: string }> {
  const ref = parseProductRef(refInput);
  const product = await loadOwnedProduct(user, ref.domain, ref.name, "provision");
  if (product.lifecycle === "retired") throw new ValidationError("Retired products cannot be provisioned.");
  // Staging is where quality gets measured, so recorded quality never blocks it (production is gated).
  await assertPassesGovernance(product.id, user.id, "provisioned", { ignoreQuality: true });
  const { request, plan } = await buildRequest(product, product.spec, "staging");
  const job = await db.$transaction(async (tx) => {
    const deployment = await lockDeployment(tx, product.id, "staging");
    return createJob(tx, { deploymentId: deployment.id, kind: "provision", request, plan, userId: user.id });
  });
  await enqueueProvisioningJob(job.id);
  return { jobId: job.id };
}
