// When the monitoring rules run (pure): their cron schedules and the slot a time falls in.
export const MONITOR_RULES = ["retention", "access", "quality"] as const;
export type MonitorRule = (typeof MONITOR_RULES)[number];

/** pg-boss cron expressions (UTC) per rule. */
export const MONITOR_SCHEDULES: Record<MonitorRule, string> = {
  retention: "30 2 * * *",
  quality: "5 * * * *",
  access: "* * * * *",
};

/** The slot of a time for a rule's schedule: the UTC day (retention), hour (quality) or minute (access). */
export function slotOf(rule: MonitorRule, at: Date): string {
  const iso = at.toISOString();
  if (rule === "retention") return iso.slice(0, 10);
  if (rule === "quality") return iso.slice(0, 13);
  return iso.slice(0, 16);
}
