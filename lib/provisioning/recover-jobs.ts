// The provisioning sweep: re-queues jobs whose worker died (status still queued/running, yet nobody holds
// the deployment's lock). The job worker (job-handlers.ts) runs it at start and every 30 s.
import "server-only";
import { db } from "@/lib/db";
import { enqueueProvisioningJob } from "@/lib/jobs/queue";
import { logger } from "@/lib/logger";
import { newPgClient } from "@/lib/pg";
import { deploymentLockKey } from "./naming";

/** Re-queues jobs that should be running but that no live worker holds. Returns how many. */
export async function recoverStalledJobs(opts: { queuedOlderThanMs?: number } = {}): Promise<number> {
  const cutoff = new Date(Date.now() - (opts.queuedOlderThanMs ?? 60_000));
  const jobs = await db.provisioningJob.findMany({
    where: { OR: [{ status: "running" }, { status: "queued", createdAt: { lt: cutoff } }] },
    select: { id: true, deploymentId: true },
  });
  if (jobs.length === 0) return 0;
  const client = await newPgClient("meshport-recovery");
  let recovered = 0;
  try {
    for (const job of jobs) {
      const key = deploymentLockKey(job.deploymentId).toString();
      const r = await client.query<{ free: boolean }>("SELECT pg_try_advisory_lock($1::bigint) AS free", [key]);
      if (!r.rows[0].free) continue; // a live worker is on it
      await client.query("SELECT pg_advisory_unlock($1::bigint)", [key]);
      await enqueueProvisioningJob(job.id);
      recovered++;
    }
  } finally {
    await client.end().catch(() => {});
  }
  if (recovered > 0) logger.info({ recovered }, "re-queued interrupted provisioning jobs");
  return recovered;
}
