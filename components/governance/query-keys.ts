// TanStack Query keys for governance data that changes while a page is open.
export const governanceKeys = {
  all: ["governance"] as const,
  revalidationRun: (id: string) => [...governanceKeys.all, "revalidation-run", id] as const,
};
