// TanStack Query keys for provisioning data that changes while a page is open.
export const provisioningKeys = {
  all: ["provisioning"] as const,
  job: (id: string) => [...provisioningKeys.all, "job", id] as const,
};
