"use client";
// Polls a provisioning job once a second while it is queued or running; stops when it is done.
import type { JobDto } from "@/lib/provisioning/queries";
import { usePolledJob } from "@/components/ui/use-polled-job";
import { provisioningKeys } from "./query-keys";

export function useJob(id: string, initial?: JobDto) {
  return usePolledJob(provisioningKeys.job(id), `/api/provisioning/jobs/${id}`, "the job", initial);
}
