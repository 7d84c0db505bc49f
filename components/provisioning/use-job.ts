"use client";
// Polls a provisioning job once a second while it is queued or running; stops when it is done.
import { useQuery } from "@tanstack/react-query";
import type { JobDto } from "@/lib/provisioning/queries";
import { isActiveJob } from "./format";
import { provisioningKeys } from "./query-keys";

async function fetchJob(id: string): Promise<JobDto> {
  const res = await fetch(`/api/provisioning/jobs/${id}`, { cache: "no-store" });
  if (!res.ok)
    throw new Error(((await res.json().catch(() => ({}))) as { error?: string }).error ?? `Could not load the job (${res.status}).`);
  return (await res.json()) as JobDto;
}

export function useJob(id: string, initial?: JobDto) {
  return useQuery({
    queryKey: provisioningKeys.job(id),
    queryFn: () => fetchJob(id),
    initialData: initial,
    staleTime: 0,
    refetchInterval: (q) => (isActiveJob(q.state.data?.status) ? 1000 : false),
  });
}
