// Who may do what: one pure table of rules, used by every action, route and page (and by the
// authorization-matrix tests). Deny unless a rule explicitly allows.

import { ROLES, type DomainRoleName, type RoleName } from "@/lib/roles";

export { ROLES, type DomainRoleName, type RoleName };

export type Principal = {
  id: string;
  email: string;
  roles: RoleName[];
  /** domain slug → the user's role in that domain */
  domains: Record<string, DomainRoleName>;
};

/**
 * What the rules know of a product: its domain, nothing from its spec. The spec's `owner` is a contact
 * any editor could type, so no right may come from it (an editor naming herself owner would otherwise
 * gain publish, provision and access decisions); owner rights come from a domain `owner` membership,
 * read from the database on every request, so removal from a domain ends them at once.
 */
export type ProductRef = { domain: string };

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
  editProduct: (p: Principal | null, product: ProductRef) => p !== null && (isAdmin(p) || canWriteIn(p, product.domain)),
  /** Submit a draft for review: anyone who may edit it. */
  submitProduct: (p: Principal | null, product: ProductRef) => can.editProduct(p, product),
  /**
   * Publish, deprecate, retire, send back: the product's owners — producers holding an `owner` membership
   * of its domain — and admins. Also who may change a product's named owner.
   */
  moveLifecycle: (p: Principal | null, product: ProductRef) =>
    p !== null && (isAdmin(p) || (has(p, "data_producer") && ownsIn(p, product.domain))),
  /** Provision, promote, deprovision and load data: the same people who move the product's lifecycle. */
  provisionProduct: (p: Principal | null, product: ProductRef) => can.moveLifecycle(p, product),
  /** Job logs, plans and loads of a product's deployments: its owners and its domain's members. */
  viewDeployments: (p: Principal | null, product: ProductRef) =>
    p !== null && (can.moveLifecycle(p, product) || p.domains[product.domain] !== undefined),
  /** Templates, processing templates and the platform configuration: platform (data) admins. */
  managePlatform: (p: Principal | null) => p !== null && isAdmin(p),
  editPolicies: (p: Principal | null) => p !== null && has(p, "governance"),
  /** The global DataGovernancePolicy: governance only. */
  editGlobalPolicy: (p: Principal | null) => p !== null && has(p, "governance"),
  /**
   * A domain's policy: governance always; the domain's owners (its admins) only when the global policy
   * leaves them something to change (`globalAllowsDomainEdits`). Which paths they may change is decided
   * per path by canDomainOverride in the policy service.
   */
  editDomainPolicy: (p: Principal | null, domain: string, globalAllowsDomainEdits: boolean) =>
    p !== null && (has(p, "governance") || (globalAllowsDomainEdits && ownsIn(p, domain))),
  /** See every policy, its history and impact: governance and data admins (read-only for admins). */
  readPolicies: (p: Principal | null) => p !== null && (has(p, "governance") || isAdmin(p)),
  /** One domain's policy and effective policy: policy readers and the domain's members. */
  readDomainPolicy: (p: Principal | null, domain: string) =>
    p !== null && (has(p, "governance") || isAdmin(p) || p.domains[domain] !== undefined),
  readAudit: (p: Principal | null) => p !== null && (has(p, "governance") || isAdmin(p)),
  /** The mesh-wide compliance overview and re-validating every product: governance and data admins. */
  readCompliance: (p: Principal | null) => p !== null && (has(p, "governance") || isAdmin(p)),
  revalidateAll: (p: Principal | null) => p !== null && (has(p, "governance") || isAdmin(p)),
  /**
   * Data subject requests (GDPR/CCPA): find, export and erase one person's records across every provisioned
   * product: governance and data admins only (it reads and deletes across every domain).
   */
  handleSubjectRequests: (p: Principal | null) => p !== null && (has(p, "governance") || isAdmin(p)),
  /** Run a product's validation on demand: its editors, governance and data admins. */
  validateProduct: (p: Principal | null, product: ProductRef) => p !== null && (can.editProduct(p, product) || has(p, "governance")),
  /** Accept a validation's warnings before publishing: whoever may publish (the product's owners, admins). */
  acknowledgeWarnings: (p: Principal | null, product: ProductRef) => can.moveLifecycle(p, product),
  readMetrics: (p: Principal | null) => p !== null && (has(p, "executive") || has(p, "governance") || isAdmin(p)),
  /** One domain's metrics page: metric readers and the domain's own team (any membership). */
  readDomainMetrics: (p: Principal | null, domain: string) => p !== null && (can.readMetrics(p) || p.domains[domain] !== undefined),
  /** Move a domain along foundation → pilot → full rollout; edit the cost model: data admins. */
  manageRollout: (p: Principal | null) => p !== null && isAdmin(p),
  /** Ask for access to a product's data: any signed-in user who is not already in the product's domain. */
  requestAccess: (p: Principal | null, product: ProductRef) => p !== null && p.domains[product.domain] === undefined,
  /** Approve, deny or revoke access requests: the product's owners (same people as lifecycle moves). */
  decideAccess: (p: Principal | null, product: ProductRef) => can.moveLifecycle(p, product),
  /**
   * The second step of a request the policy routes to owners and governance (approval owner_and_governance):
   * governance decides after the product's owners approved.
   */
  decideGovernanceAccess: (p: Principal | null) => p !== null && has(p, "governance"),
  /** Rate and review a product: signed-in users who cannot edit it (no rating your own product). */
  rateProduct: (p: Principal | null, product: ProductRef) => p !== null && !can.editProduct(p, product),
  /** Run an on-demand quality check: whoever may edit the product. */
  runQualityCheck: (p: Principal | null, product: ProductRef) => can.editProduct(p, product),
  /** Create and revoke a domain's service-account API tokens: its owners (as for lifecycle moves) and admins. */
  manageServiceAccounts: (p: Principal | null, domain: string) => can.moveLifecycle(p, { domain }),
  /** Personal API tokens: every signed-in user, for themselves. */
  managePersonalTokens: (p: Principal | null) => p !== null,
  /** Own notifications, notification preferences and follows: every signed-in user, for themselves. */
  manageOwnNotifications: (p: Principal | null) => p !== null,
  /**
   * Webhook subscriptions of a domain (`domain` a slug) or of the whole mesh (`null`): a domain's owners
   * (as for lifecycle moves) and data admins; mesh-wide ones only data admins.
   */
  manageWebhooks: (p: Principal | null, domain: string | null) =>
    p !== null && (isAdmin(p) || (domain !== null && has(p, "data_producer") && ownsIn(p, domain))),
  /** The webhooks page itself: whoever may manage at least one subscription. */
  openWebhooks: (p: Principal | null) =>
    p !== null && (isAdmin(p) || (has(p, "data_producer") && Object.values(p.domains).some((r) => r === "owner"))),
};

/**
 * Domains in which the principal may register products (the registration form's list): "all" for admins,
 * else the member domains with a writing role — so the form loads those few, never every domain.
 */
export function writableDomains(p: Principal): string[] | "all" {
  return isAdmin(p) ? "all" : Object.keys(p.domains).filter((d) => canWriteIn(p, d));
}
