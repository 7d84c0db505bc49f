// How a subject can come to read a product of a given classification, from the effective policy alone:
// outright (a role lists the level in data_access), by an approved grant (a role lists it in grants, with
// who approves and the longest a grant may last), or never. The product page and the access services ask
// this, so what the page promises is what the services do. Pure.
import { durationSeconds } from "@/lib/duration";
import type { AccessRule, GrantApproval } from "../policies/types";

export type AccessPath =
  | { kind: "read"; role: string }
  | { kind: "grant"; role: string; approval: GrantApproval; maxDuration: string; maxSeconds: number }
  | { kind: "never" };

const APPROVAL_RANK: Record<GrantApproval, number> = { owner: 0, owner_and_governance: 1 };

/** The easiest path among the subject's roles: reading outright beats a grant; a grant by owners alone beats a two-step one. */
export function accessPath(accessControl: readonly AccessRule[], roles: readonly string[], level: string): AccessPath {
  let best: AccessPath = { kind: "never" };
  for (const rule of accessControl) {
    if (!roles.includes(rule.role) || !rule.permissions.includes("read")) continue;
    if ((rule.data_access as string[]).includes(level)) return { kind: "read", role: rule.role };
    const grant = rule.grants?.find((g) => g.level === level);
    if (!grant) continue;
    const candidate = {
      kind: "grant" as const,
      role: rule.role,
      approval: grant.approval,
      maxDuration: grant.max_duration,
      maxSeconds: durationSeconds(grant.max_duration),
    };
    if (
      best.kind === "never" ||
      (best.kind === "grant" &&
        (APPROVAL_RANK[candidate.approval] < APPROVAL_RANK[best.approval] ||
          (candidate.approval === best.approval && candidate.maxSeconds > best.maxSeconds)))
    )
      best = candidate;
  }
  return best;
}

/**
 * Fields the contract marks as PII count as the policy's highest classification level: only readers whose
 * roles read that level outright, and the product's own domain members, see them unmasked. Everybody else
 * (grant holders included) reads them masked.
 */
export function clearedForPii(
  policy: { data_classification: readonly { level: string }[]; access_control: readonly AccessRule[] },
  roles: readonly string[],
  member: boolean,
): boolean {
  if (member) return true;
  const top = policy.data_classification.at(-1)?.level;
  if (!top) return false;
  return accessPath(policy.access_control, roles, top).kind === "read";
}
