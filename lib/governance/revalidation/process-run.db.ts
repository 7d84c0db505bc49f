// The worker's side of a re-validation run: claim one pending batch at a time with FOR UPDATE SKIP LOCKED,
// validate its products, and in the SAME transaction store the validations, mark the batch done and add
// its counts to the run. Two workers therefore never process a batch twice nor count it twice, and a
// worker that dies mid-batch rolls it back: the batch is pending again for the next handler.
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db, type Tx } from "@/lib/db";
import { logger } from "@/lib/logger";
import { enqueueRevalidationRun } from "@/lib/jobs/queue";
import { publishEvent } from "@/lib/notifications/server";
import { createRevalidationRun, type RevalidationTrigger } from "@/lib/governance/revalidation/start-run.db";
import { summarize } from "@/lib/governance/compliance/status";
import {
  evaluate,
  latestQualityScores,
  loadPolicyContexts,
  productsByIds,
  storeValidations,
  type PolicyContext,
  type ValidationResult,
  type ValidationTrigger,
} from "@/lib/governance/compliance/validate-products.db";

type RunHead = { id: string; trigger: string; createdById: string | null };
type BatchOutcome = { products: number; failed: number; passing: number; warnings: number; failing: number };

async function processBatch(tx: Tx, run: RunHead, contextFor: (slug: string) => PolicyContext): Promise<BatchOutcome | null> {
  const [batch] = await tx.$queryRaw<{ seq: number; product_ids: string[] }[]>(Prisma.sql`
    SELECT seq, product_ids::text[] AS product_ids FROM revalidation_batches
    WHERE run_id = ${run.id}::uuid AND done_at IS NULL
    ORDER BY seq LIMIT 1 FOR UPDATE SKIP LOCKED`);
  if (!batch) return null;
  const products = await productsByIds(tx, batch.product_ids);
  const scores = await latestQualityScores(
    products.map((p) => p.id),
    tx,
  );
  const results: ValidationResult[] = [];
  let failed = 0;
  for (const p of products) {
    try {
      results.push(evaluate(p, contextFor(p.domain.slug), scores.get(p.id)));
    } catch (err) {
      // A stored spec the rules cannot read: counted, logged, and the rest of the batch goes on.
      failed++;
      logger.warn({ err, productId: p.id, runId: run.id }, "a product could not be re-validated");
    }
  }
  const trigger = run.trigger as ValidationTrigger;
  // Before storing: which products were not failing yet (their owners are told when a policy change makes them).
  const before = await tx.$queryRaw<{ id: string; name: string; status: string }[]>(Prisma.sql`
    SELECT id::text AS id, name, compliance_status::text AS status FROM data_products WHERE id = ANY(${batch.product_ids}::uuid[])`);
  // Unchanged outcomes fold into the product's latest validation and keep its acknowledgement.
  await storeValidations(tx, results, { trigger, userId: run.createdById });
  const outcome: BatchOutcome = { products: batch.product_ids.length, failed, passing: 0, warnings: 0, failing: 0 };
  for (const r of results) outcome[summarize(r.findings).status]++;
  if (trigger === "policy-change") await announceNewlyFailing(tx, run, results, before, products);
  await tx.$executeRaw(
    Prisma.sql`UPDATE revalidation_batches SET done_at = now() AT TIME ZONE 'UTC' WHERE run_id = ${run.id}::uuid AND seq = ${batch.seq}`,
  );
  // Products that vanished since the run started count as done: there is nothing left to validate.
  await tx.$executeRaw(Prisma.sql`
    UPDATE revalidation_runs
    SET done = done + ${outcome.products}, failed = failed + ${failed}, passing = passing + ${outcome.passing},
        warnings = warnings + ${outcome.warnings}, failing = failing + ${outcome.failing}
    WHERE id = ${run.id}::uuid`);
  return outcome;
}

/** Owners of each product a policy change made fail hear of it, in the batch's transaction. */
async function announceNewlyFailing(
  tx: Tx,
  run: RunHead,
  results: ValidationResult[],
  before: { id: string; name: string; status: string }[],
  products: { id: string; domain: { slug: string } }[],
): Promise<void> {
  const was = new Map(before.map((b) => [b.id, b]));
  const domainOf = new Map(products.map((p) => [p.id, p.domain.slug]));
  for (const r of results) {
    const counts = summarize(r.findings);
    const prior = was.get(r.productId);
    if (counts.status !== "failing" || !prior || prior.status === "failing") continue;
    await publishEvent(
      {
        type: "validation.failing",
        actorId: run.createdById,
        product: { id: r.productId, domain: domainOf.get(r.productId) ?? "", name: prior.name },
        errors: counts.errors,
        trigger: run.trigger,
        runId: run.id,
      },
      tx,
    );
  }
}

/** Closes the run once no batch is pending (whichever worker sees that first; the others change nothing). */
async function finishIfComplete(runId: string): Promise<boolean> {
  const n = await db.$executeRaw(Prisma.sql`
    UPDATE revalidation_runs SET status = 'succeeded', finished_at = now() AT TIME ZONE 'UTC'
    WHERE id = ${runId}::uuid AND status IN ('queued', 'running')
      AND NOT EXISTS (SELECT 1 FROM revalidation_batches WHERE run_id = ${runId}::uuid AND done_at IS NULL)`);
  return n > 0;
}

/**
 * Works on a run until no batch is left to claim. Safe to call from any number of workers at once and to
 * call again after a crash. Returns how many batches this call processed.
 */
export async function runRevalidation(
  runId: string,
  opts: { afterBatch?: (outcome: BatchOutcome) => void | Promise<void> } = {},
): Promise<{ batches: number; finished: boolean }> {
  const run = await db.revalidationRun.findUnique({
    where: { id: runId },
    select: { id: true, trigger: true, createdById: true, status: true },
  });
  if (!run || (run.status !== "queued" && run.status !== "running")) return { batches: 0, finished: false };
  await db.revalidationRun.updateMany({ where: { id: runId, status: "queued" }, data: { status: "running", startedAt: new Date() } });
  // Policies as they are now: a policy saved during the run starts a run of its own.
  const contextFor = await loadPolicyContexts();
  let batches = 0;
  for (;;) {
    const outcome = await db.$transaction((tx) => processBatch(tx, run, contextFor), { timeout: 120_000, maxWait: 10_000 });
    if (!outcome) break;
    batches++;
    await opts.afterBatch?.(outcome);
  }
  const finished = await finishIfComplete(runId);
  if (finished) logger.info({ runId }, "re-validation run finished");
  return { batches, finished };
}

/** How long a run may go without a finished batch before the sweep offers it to the workers again. */
const STALLED_AFTER_MS = 60_000;

/**
 * The worker's sweep: runs with pending batches but no finished batch for `stalledForMs` (the process
 * died between the policy save and the send, or a worker crashed mid-run) are offered to the workers
 * again; a run that is making progress is left alone, so a long run is not re-sent every sweep (a re-sent
 * run whose worker is merely slow does no harm either: the extra handler only claims batches still free).
 * Runs whose last batch committed but that nobody closed are closed. Returns runs re-sent.
 */
export async function recoverRevalidationRuns(opts: { stalledForMs?: number } = {}): Promise<number> {
  const stalledFor = (opts.stalledForMs ?? STALLED_AFTER_MS) / 1000;
  const runs = await db.$queryRaw<{ id: string; pending: number }[]>(Prisma.sql`
    SELECT r.id::text AS id, count(b.seq) FILTER (WHERE b.done_at IS NULL)::int AS pending
    FROM revalidation_runs r LEFT JOIN revalidation_batches b ON b.run_id = r.id
    WHERE r.status IN ('queued', 'running')
    GROUP BY r.id
    HAVING count(b.seq) FILTER (WHERE b.done_at IS NULL) = 0
        OR greatest(r.created_at, max(b.done_at)) <= (now() AT TIME ZONE 'UTC') - make_interval(secs => ${stalledFor})`);
  let resent = 0;
  for (const r of runs) {
    if (r.pending === 0) {
      await finishIfComplete(r.id);
      continue;
    }
    await enqueueRevalidationRun(r.id, 1, "recover");
    resent++;
  }
  if (resent > 0) logger.info({ resent }, "re-queued stalled re-validation runs");
  return resent;
}

export type RevalidateSummary = { total: number; validated: number; passing: number; warnings: number; failing: number };

/**
 * Re-validates every product of a domain, or of the whole mesh, now and in this process (the demo seed,
 * benchmarks): a run like the worker's, processed here instead of queued, so there is one way products
 * are re-validated. `onProgress` reports after every batch, for progress output.
 */
export async function revalidateProducts(opts: {
  domain?: string;
  trigger: RevalidationTrigger;
  userId?: string | null;
  batchSize?: number;
  onProgress?: (done: number, total: number) => void | Promise<void>;
}): Promise<RevalidateSummary> {
  const { onProgress, ...start } = opts;
  const run = await db.$transaction((tx) => createRevalidationRun(tx, start));
  let done = 0;
  await onProgress?.(0, run.total);
  await runRevalidation(run.runId, {
    afterBatch: async (batch) => {
      done += batch.products;
      await onProgress?.(done, run.total);
    },
  });
  const counts = await db.revalidationRun.findUniqueOrThrow({
    where: { id: run.runId },
    select: { passing: true, warnings: true, failing: true },
  });
  return { total: run.total, validated: counts.passing + counts.warnings + counts.failing, ...counts };
}
