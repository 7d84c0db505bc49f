// Starts a re-validation run: one revalidation_runs row plus its products cut into batches of 500 ids
// (revalidation_batches), written in the caller's transaction, so a saved policy always has its run
// even when the process dies before the queue hears of it (the worker's recovery sweep sends it then).
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db, type Tx } from "@/lib/db";
import { logger } from "@/lib/logger";
import { enqueueRevalidationRun } from "@/lib/jobs/queue";

export const REVALIDATION_BATCH_SIZE = 500;
/** Handlers one run is offered to: more workers than batches would only poll for nothing. */
const MAX_SLOTS = 4;

export type RevalidationTrigger = "policy-change" | "manual" | "seed";
export type StartedRun = { runId: string; total: number; batches: number };

export async function createRevalidationRun(
  tx: Tx,
  opts: { trigger: RevalidationTrigger; domain?: string; userId?: string | null; batchSize?: number },
): Promise<StartedRun> {
  const size = opts.batchSize ?? REVALIDATION_BATCH_SIZE;
  const [run] = await tx.$queryRaw<{ id: string }[]>(Prisma.sql`
    INSERT INTO revalidation_runs (id, trigger, domain_slug, total, created_by_id, created_at)
    VALUES (gen_random_uuid(), ${opts.trigger}, ${opts.domain ?? null}, 0, ${opts.userId ?? null}::uuid, now() AT TIME ZONE 'UTC')
    RETURNING id::text AS id`);
  // Retired products are skipped: they can no longer change or be served.
  await tx.$executeRaw(Prisma.sql`
    INSERT INTO revalidation_batches (run_id, seq, product_ids)
    SELECT ${run.id}::uuid, seq, array_agg(id ORDER BY id)
    FROM (SELECT p.id, (row_number() OVER (ORDER BY p.id) - 1) / ${size}::int AS seq
          FROM data_products p JOIN domains d ON d.id = p.domain_id
          WHERE p.lifecycle <> 'retired' ${opts.domain ? Prisma.sql`AND d.slug = ${opts.domain}` : Prisma.empty}) x
    GROUP BY seq`);
  const [counted] = await tx.$queryRaw<{ total: number; batches: number }[]>(Prisma.sql`
    UPDATE revalidation_runs r
    SET total = c.total,
        status = CASE WHEN c.total = 0 THEN 'succeeded' ELSE r.status END,
        finished_at = CASE WHEN c.total = 0 THEN now() AT TIME ZONE 'UTC' END
    FROM (SELECT coalesce(sum(cardinality(product_ids)), 0)::int AS total, count(*)::int AS batches
          FROM revalidation_batches WHERE run_id = ${run.id}::uuid) c
    WHERE r.id = ${run.id}::uuid
    RETURNING c.total, c.batches`);
  return { runId: run.id, total: counted.total, batches: counted.batches };
}

/** After the run's transaction committed: hand it to the workers. A failure is left to the recovery sweep. */
export async function enqueueRun(run: StartedRun): Promise<void> {
  if (run.total === 0) return;
  try {
    await enqueueRevalidationRun(run.runId, Math.min(run.batches, MAX_SLOTS));
  } catch (err) {
    logger.error({ err, runId: run.runId }, "could not queue a re-validation run; the worker's sweep will");
  }
}

/** A run of its own, committed and queued at once: the overview's "Re-validate all" button. */
export async function startRevalidationRun(opts: {
  trigger: RevalidationTrigger;
  domain?: string;
  userId?: string | null;
}): Promise<StartedRun> {
  const run = await db.$transaction((tx) => createRevalidationRun(tx, opts));
  await enqueueRun(run);
  return run;
}
