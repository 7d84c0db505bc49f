"use client";
// Polls a background job's JSON route (a provisioning job, a re-validation run) once a second while it
// is queued or running, and stops when it is done. A route that refuses answers { error }.
import { useQuery, type QueryKey } from "@tanstack/react-query";
import { isActiveJob } from "./job-status";

async function fetchJob<T>(url: string, what: string): Promise<T> {
  const res = await fetch(url, { cache: "no-store" });
  if (!res.ok)
    throw new Error(((await res.json().catch(() => ({}))) as { error?: string }).error ?? `Could not load ${what} (${res.status}).`);
  return (await res.json()) as T;
}

/** `what` names the job in the fallback error ("the job", "the re-validation"). */
export function usePolledJob<T extends { status: string }>(queryKey: QueryKey, url: string, what: string, initial?: T) {
  return useQuery({
    queryKey,
    queryFn: () => fetchJob<T>(url, what),
    initialData: initial,
    staleTime: 0,
    refetchInterval: (q) => (isActiveJob(q.state.data?.status) ? 1000 : false),
  });
}
