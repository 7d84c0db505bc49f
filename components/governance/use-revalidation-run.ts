"use client";
// Polls a re-validation run once a second while it is queued or running.
import type { RevalidationRunDto } from "@/lib/governance/revalidation/run-progress.db";
import { usePolledJob } from "@/components/ui/use-polled-job";
import { governanceKeys } from "./query-keys";

export function useRevalidationRun(id: string, initial?: RevalidationRunDto) {
  return usePolledJob(governanceKeys.revalidationRun(id), `/api/governance/revalidate/runs/${id}`, "the re-validation", initial);
}
