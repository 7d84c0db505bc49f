"use client";
// Type-ahead domain suggestions from /api/domains, fetched only while the picker is open.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { domainKeys } from "./query-keys";

export type DomainSuggestion = { slug: string; name: string };

async function fetchSuggestions(term: string): Promise<DomainSuggestion[]> {
  const res = await fetch(`/api/domains?${new URLSearchParams({ q: term, limit: "10" })}`, { cache: "no-store" });
  if (!res.ok) throw new Error(`Could not load domains (${res.status}).`);
  return ((await res.json()) as { items: DomainSuggestion[] }).items;
}

export function useDomainSuggestions(term: string, enabled: boolean) {
  return useQuery({
    queryKey: domainKeys.suggestions(term),
    queryFn: () => fetchSuggestions(term),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}
