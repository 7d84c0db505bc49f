// The names of portal roles and domain roles, on the ground floor so configuration (lib/env.ts) can check
// them without importing the permission rules (lib/auth/permissions.ts, which re-exports them).

export const ROLES = ["data_consumer", "data_producer", "data_admin", "governance", "executive"] as const;
export type RoleName = (typeof ROLES)[number];

/** Domain roles, weakest first. */
export const DOMAIN_ROLES = ["viewer", "producer", "owner"] as const;
export type DomainRoleName = (typeof DOMAIN_ROLES)[number];
