// Promotion to production (the seed's deploy_to_production): only what staging runs, only after the
// owner confirms, and only while the product still passes governance validation. Production gets the
// exact spec of the staging deployment's last successful job, not whatever the spec is now.
import "server-only";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/server";
import { ValidationError } from "@/lib/errors";
import type { DataProductSpec } from "@/lib/products";
import { assertPassesGovernance, buildRequest } from "./build-request";
import { createJob, lockDeployment } from "./create-job";
import { loadOwnedProduct } from "./owned-product";
import { enqueueProvisioningJob } from "@/lib/jobs/queue";
import type { ProvisionRequest } from "./types";
import { parseConfirmed, parseProductRef } from "./schema";

export async function promoteProduct(
  user: CurrentUser,
  input: { domain?: unknown; name?: unknown; confirmed?: unknown },
): Promise<{ jobId: string }> {
  const ref = parseProductRef(input);
  const confirmed = parseConfirmed(input.confirmed);
  const product = await loadOwnedProduct(user, ref.domain, ref.name, "promote");
  if (!confirmed)
    throw new ValidationError("Confirm the promotion first.", {
      confirm: ["Tick the box to confirm that staging was checked and may go to production."],
    });
  if (product.lifecycle === "retired") throw new ValidationError("Retired products cannot be promoted.");
  const staging = await db.deployment.findUnique({
    where: { productId_environment: { productId: product.id, environment: "staging" } },
    select: {
      id: true,
      status: true,
      jobs: { where: { status: "succeeded", kind: "provision" }, orderBy: { finishedAt: "desc" }, take: 1, select: { spec: true } },
    },
  });
  if (!staging || staging.status !== "active" || staging.jobs.length === 0) {
    throw new ValidationError("Provision the product to staging first; only an active staging deployment can be promoted.");
  }
  await assertPassesGovernance(product.id, user.id, "promoted");
  const staged = staging.jobs[0].spec as unknown as ProvisionRequest;
  const validated = staged.spec as DataProductSpec;
  const { request, plan } = await buildRequest(product, validated, "production", staged);
  const job = await db.$transaction(async (tx) => {
    const deployment = await lockDeployment(tx, product.id, "production");
    await tx.deployment.update({ where: { id: deployment.id }, data: { promotedFromId: staging.id, confirmedById: user.id } });
    return createJob(tx, { deploymentId: deployment.id, kind: "promote", request, plan, userId: user.id });
  });
  await enqueueProvisioningJob(job.id);
  return { jobId: job.id };
}
