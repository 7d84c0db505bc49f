// Status colours for provisioning UI; sizes and durations: lib/format.ts (formatBytes), lib/duration.ts (formatElapsed).
import type { Tone } from "@/components/ui/badge";

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
