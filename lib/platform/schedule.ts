// Pipeline schedules from processing templates ("daily", "hourly", ...): when a run is due, and the
// same schedule as cron for the Terraform plan. Pure.
export const SCHEDULES = ["manual", "continuous", "hourly", "daily", "weekly"] as const;
export type Schedule = (typeof SCHEDULES)[number];

const PERIOD_MS: Partial<Record<Schedule, number>> = { hourly: 3_600_000, daily: 86_400_000, weekly: 7 * 86_400_000 };

export function isSchedule(value: unknown): value is Schedule {
  return typeof value === "string" && (SCHEDULES as readonly string[]).includes(value);
}

/** Scheduled (hourly/daily/weekly) pipelines are due when their last run is older than one period. */
export function isDue(schedule: string | null, lastRunAt: Date | null, now: Date): boolean {
  const period = isSchedule(schedule) ? PERIOD_MS[schedule] : undefined;
  if (!period) return false;
  return !lastRunAt || now.getTime() - lastRunAt.getTime() >= period;
}

/** Quartz cron (Databricks) and unix cron (EventBridge-style) for a schedule; null when not periodic. */
export function scheduleCron(schedule: string | null): { quartz: string; unix: string } | null {
  switch (schedule) {
    case "hourly":
      return { quartz: "0 0 * * * ?", unix: "0 * * * *" };
    case "daily":
      return { quartz: "0 0 2 * * ?", unix: "0 2 * * *" };
    case "weekly":
      return { quartz: "0 0 2 ? * MON", unix: "0 2 * * 1" };
    default:
      return null;
  }
}
