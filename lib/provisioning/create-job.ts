// Creates a job with its pending steps for a deployment, in the caller's transaction, refusing when the
// deployment already has a job queued or running (one job per deployment at a time).
import "server-only";
import type { Tx } from "@/lib/db";
import { ConflictError } from "@/lib/errors";
import { stepsFor, type JobKindName, type ProvisionRequest } from "./types";

export async function lockDeployment(tx: Tx, productId: string, environment: "staging" | "production") {
  const d = await tx.deployment.upsert({
    where: { productId_environment: { productId, environment } },
    update: {},
    create: { productId, environment, status: "pending" },
    select: { id: true },
  });
  // Serialises job creation for this deployment (and waits for a running step to commit).
  await tx.$queryRaw`SELECT id FROM deployments WHERE id = ${d.id}::uuid FOR UPDATE`;
  const deployment = await tx.deployment.findUniqueOrThrow({
    where: { id: d.id },
    select: {
      id: true,
      status: true,
      productVersion: true,
      schemaName: true,
      tableName: true,
      jobs: { where: { status: { in: ["queued", "running"] } }, select: { id: true } },
    },
  });
  if (deployment.jobs.length > 0) throw new ConflictError(`A ${environment} job is already queued or running; wait for it to finish.`);
  return deployment;
}

export async function createJob(
  tx: Tx,
  input: {
    deploymentId: string;
    kind: JobKindName;
    request: ProvisionRequest;
    plan: Record<string, unknown> | null;
    userId: string;
    reason?: string;
  },
): Promise<{ id: string }> {
  const job = await tx.provisioningJob.create({
    data: {
      deploymentId: input.deploymentId,
      kind: input.kind,
      status: "queued",
      spec: input.request as unknown as object,
      plan: (input.plan ?? undefined) as object | undefined,
      requestedById: input.userId,
      reason: input.reason ?? "",
      steps: { create: stepsFor(input.kind).map((step, position) => ({ step, position })) },
    },
    select: { id: true },
  });
  await tx.deployment.update({
    where: { id: input.deploymentId },
    data: { status: input.kind === "deprovision" ? "deprovisioning" : "provisioning" },
  });
  return job;
}
