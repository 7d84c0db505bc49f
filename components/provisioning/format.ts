// Small display helpers for provisioning UI (byte sizes, status colours); durations: formatElapsed in lib/duration.ts.
import type { Tone } from "@/components/ui/badge";

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} kB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

export const statusTone: Record<string, Tone> = {
  queued: "gray",
  pending: "gray",
  running: "blue",
  provisioning: "blue",
  deprovisioning: "blue",
  succeeded: "green",
  active: "green",
  failed: "red",
  rejected: "red",
  cancelled: "gray",
  skipped: "gray",
  deprovisioned: "gray",
};

export { isActiveJob } from "@/components/ui/job-status";
