// TanStack Query keys for domain lookups.
export const domainKeys = {
  all: ["domains"] as const,
  suggestions: (term: string) => ["domains", "suggestions", term] as const,
};
