// One run of a monitoring rule per time slot: the first worker to insert (rule, slot) runs it, every other
// worker that got the same tick (pg-boss cron on several processes, a retried message) finds the slot taken
// and does nothing. The row keeps the run's report (rows purged per table, privileges revoked, checks run).
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import type { MonitorRule } from "./violations.db";

export { slotOf } from "./schedule";

/** Claims the slot; null when another worker already has it. */
export async function claimRun(rule: MonitorRule, slot: string): Promise<string | null> {
  const rows = await db.$queryRaw<{ id: string }[]>(Prisma.sql`
    INSERT INTO monitor_runs (id, rule, slot) VALUES (gen_random_uuid(), ${rule}, ${slot})
    ON CONFLICT (rule, slot) DO NOTHING RETURNING id::text`);
  return rows[0]?.id ?? null;
}

export async function finishRun(id: string, report: Record<string, unknown>): Promise<void> {
  await db.monitorRun.update({ where: { id }, data: { finishedAt: new Date(), report: report as Prisma.InputJsonValue } });
}

export type RunOutcome<R> = { ran: false; slot: string } | { ran: true; slot: string; runId: string; report: R };

/** Runs `fn` for the slot unless another worker has claimed it; the report is stored with the run. */
export async function runOnce<R extends Record<string, unknown>>(
  rule: MonitorRule,
  slot: string,
  fn: () => Promise<R>,
): Promise<RunOutcome<R>> {
  const runId = await claimRun(rule, slot);
  if (!runId) return { ran: false, slot };
  let report: R;
  try {
    report = await fn();
  } catch (err) {
    await finishRun(runId, { error: err instanceof Error ? err.message : String(err) });
    throw err;
  }
  await finishRun(runId, report);
  return { ran: true, slot, runId, report };
}

/** Forgets finished runs of `rule` older than `days` (the access rule leaves 1,440 a day). */
export async function pruneRuns(rule: MonitorRule, days: number): Promise<number> {
  const { count } = await db.monitorRun.deleteMany({
    where: { rule, finishedAt: { not: null }, startedAt: { lt: new Date(Date.now() - days * 86_400_000) } },
  });
  return count;
}
