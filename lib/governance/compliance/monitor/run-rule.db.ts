// The seed's ComplianceMonitor.monitor_compliance: each rule on its schedule (retention daily, quality hourly,
// access control every minute and after grant changes), run once per slot across every worker (runs.db.ts).
import "server-only";
import { db } from "@/lib/db";
import { runAccessControl } from "./access.db";
import { runQualityMonitor } from "./quality.db";
import { runRetention } from "./retention.db";
import { pruneRuns, runOnce, slotOf, type RunOutcome } from "./runs.db";

export { MONITOR_SCHEDULES } from "./schedule";
import type { MonitorRule } from "./violations.db";

/**
 * Runs `rule` for the slot `at` falls in (or for an explicit slot, e.g. one per grant change) unless another
 * worker already did.
 */
export async function runMonitorRule(
  rule: MonitorRule,
  opts: { at?: Date; slot?: string } = {},
): Promise<RunOutcome<Record<string, unknown>>> {
  const at = opts.at ?? new Date();
  // Before the first global policy is saved there is nothing to compare with: no run, no slot taken.
  if ((await db.policy.count({ where: { scope: "global" } })) === 0) return { ran: false, slot: opts.slot ?? slotOf(rule, at) };
  const slot = opts.slot ?? slotOf(rule, at);
  return runOnce(rule, slot, async () => {
    if (rule === "retention") return { ...(await runRetention({ now: at })) };
    if (rule === "quality") return { ...(await runQualityMonitor({ now: at })) };
    const report = await runAccessControl({ now: at });
    // The minute-by-minute slots only matter while two workers could race for them.
    return { ...report, prunedRuns: await pruneRuns("access", 7) };
  });
}
