// How a user can come to read a product, from the product's effective policy: the one answer the product
// page shows and the access services act on (lib/governance accessPath).
import "server-only";
import { accessPath, type AccessPath } from "@/lib/governance";
import { effectivePolicyFor } from "@/lib/governance/server";
import type { Principal } from "@/lib/auth";

export async function accessPathFor(user: Pick<Principal, "roles">, domain: string, classification: string): Promise<AccessPath> {
  const policy = await effectivePolicyFor(domain);
  if (!policy) return { kind: "never" };
  return accessPath(policy.access_control, user.roles, classification);
}

/** What the product page says about reading a product: read now, request (who decides), or never. */
export type AccessVerdict =
  | { kind: "member" }
  | { kind: "read"; role: string }
  | { kind: "granted"; expiresAt: string }
  | { kind: "grantable"; approval: "owner" | "owner_and_governance"; maxDays: number }
  | { kind: "never"; roles: readonly string[] };

export async function accessVerdictFor(
  user: Pick<Principal, "roles" | "domains">,
  product: { domain: string; classification: string },
  grant: { expiresAt: string; endedAt: string | null } | null | undefined,
  now: Date = new Date(),
): Promise<AccessVerdict> {
  if (user.domains[product.domain] !== undefined) return { kind: "member" };
  const path = await accessPathFor(user, product.domain, product.classification);
  if (path.kind === "read") return { kind: "read", role: path.role };
  if (grant && !grant.endedAt && new Date(grant.expiresAt) > now) return { kind: "granted", expiresAt: grant.expiresAt };
  if (path.kind === "grant") return { kind: "grantable", approval: path.approval, maxDays: Math.floor(path.maxSeconds / 86_400) };
  return { kind: "never", roles: user.roles };
}
