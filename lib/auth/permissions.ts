// Who may do what: one pure table of rules, used by every action, route and page (and by the
// authorization-matrix tests). Deny unless a rule explicitly allows.

export const ROLES = ["data_consumer", "data_producer", "data_admin", "governance", "executive"] as const;
export type RoleName = (typeof ROLES)[number];
export type DomainRoleName = "owner" | "producer" | "viewer";

export type Principal = {
  id: string;
  email: string;
  roles: RoleName[];
  /** domain slug → the user's role in that domain */
  domains: Record<string, DomainRoleName>;
};

export type ProductRef = { domain: string; owner: string };

export const ROLE_LABELS: Record<RoleName, string> = {
  data_consumer: "Data consumer",
  data_producer: "Data producer",
  data_admin: "Data admin",
  governance: "Governance",
  executive: "Executive",
};

const has = (p: Principal, role: RoleName) => p.roles.includes(role);
const isAdmin = (p: Principal) => has(p, "data_admin");
const canWriteIn = (p: Principal, domain: string) => {
  const r = p.domains[domain];
  return has(p, "data_producer") && (r === "owner" || r === "producer");
};
const ownsIn = (p: Principal, domain: string) => p.domains[domain] === "owner";

export const can = {
  readCatalog: (p: Principal | null) => p !== null,
  manageDomains: (p: Principal | null) => p !== null && isAdmin(p),
  /** Register a product in `domain`: admins anywhere, producers in domains where they produce. */
  createProduct: (p: Principal | null, domain: string) => p !== null && (isAdmin(p) || canWriteIn(p, domain)),
  /** Save a new version / edit a product. */
  editProduct: (p: Principal | null, product: ProductRef) =>
    p !== null && (isAdmin(p) || canWriteIn(p, product.domain)),
  /** Submit a draft for review: anyone who may edit it. */
  submitProduct: (p: Principal | null, product: ProductRef) => can.editProduct(p, product),
  /** Publish, deprecate, retire, send back: the product's owners (domain owners or the named owner) and admins. */
  moveLifecycle: (p: Principal | null, product: ProductRef) =>
    p !== null &&
    (isAdmin(p) ||
      (has(p, "data_producer") && (ownsIn(p, product.domain) || p.email.toLowerCase() === product.owner.toLowerCase()))),
  editPolicies: (p: Principal | null) => p !== null && has(p, "governance"),
  readAudit: (p: Principal | null) => p !== null && (has(p, "governance") || isAdmin(p)),
  readMetrics: (p: Principal | null) => p !== null && (has(p, "executive") || has(p, "governance") || isAdmin(p)),
};

/** Domains in which the principal may register products (for the registration form's domain list). */
export function writableDomains(p: Principal, allDomains: string[]): string[] {
  return isAdmin(p) ? allDomains : allDomains.filter((d) => canWriteIn(p, d));
}
