"use client";
// Polls a re-validation run once a second while it is queued or running (as useJob does for provisioning).
import { useQuery } from "@tanstack/react-query";
import type { RevalidationRunDto } from "@/lib/governance/revalidation-run";
import { isActiveJob } from "@/components/provisioning/format";
import { governanceKeys } from "./query-keys";

async function fetchRun(id: string): Promise<RevalidationRunDto> {
  const res = await fetch(`/api/governance/revalidate/runs/${id}`, { cache: "no-store" });
  if (!res.ok)
    throw new Error(
      ((await res.json().catch(() => ({}))) as { error?: string }).error ?? `Could not load the re-validation (${res.status}).`,
    );
  return (await res.json()) as RevalidationRunDto;
}

export function useRevalidationRun(id: string, initial?: RevalidationRunDto) {
  return useQuery({
    queryKey: governanceKeys.revalidationRun(id),
    queryFn: () => fetchRun(id),
    initialData: initial,
    staleTime: 0,
    refetchInterval: (q) => (isActiveJob(q.state.data?.status) ? 1000 : false),
  });
}
