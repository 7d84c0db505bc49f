// The seed's PolicyEnforcementEngine.enforce_policy as a pure function. Policies are compiled once
// into lookup maps and bitmasks (compilePolicies), so a decision is a few Map lookups and bit tests;
// the hot path allocates nothing but the result. Logging the decision is the caller's job (the audit
// logger owns the database); the returned object is what it stores.
//
// Semantics (deny by default; every gate must pass):
// 1. The action must be a policy permission (read, write, delete, manage); anything else is denied.
// 2. A classified resource must carry a level the policy defines.
// 3. One of the subject's global roles must have the permission AND list the resource's level in its
//    data_access. The level gate applies to every action, not only read: writing into restricted
//    data one may not read is still handling restricted data. Unclassified resources (domains,
//    templates) skip the level gate.
// 4. A domain-scoped resource needs membership for write/delete/manage: owner may do all,
//    producer may read and write, viewer may only read. Platform-wide roles (even data_admin) do
//    not bypass this: domains own their products. Under access model strict_role_based, reads need
//    membership too; role_based and attribute_based let any qualified role read across domains
//    (attribute_based currently adds nothing beyond the classification attribute of gate 3).
// 5. Grants: a read that gate 3 refuses is allowed when the request carries a live grant of the subject
//    (an approved, unexpired, unrevoked access grant; the caller looks it up) AND one of the subject's
//    roles may still be granted that level under the policy (access_control[].grants). So a policy that
//    stops granting a level ends every grant to it at once, without touching the grants.
import { PERMISSIONS } from "@/lib/products";
import { effectivePolicy } from "../policies/merge";
import type { AccessModel, AccessRule, DomainPolicy, EffectivePolicy, GlobalPolicy } from "../policies/types";

export const DOMAIN_ROLES = ["owner", "producer", "viewer"] as const;
export type DomainRole = (typeof DOMAIN_ROLES)[number];

export type AccessRequest = {
  action: string;
  subject: { id: string; roles: readonly string[]; domainRoles: Readonly<Record<string, DomainRole>> };
  resource: { type: string; id: string; domain?: string; classification?: string };
  context?: Readonly<Record<string, unknown>>; // carried to the audit record; not used by the rules yet
  /** The subject's live access grant to this resource, when it has one (gate 5). */
  grant?: { id: string; expiresAt: string };
};

export type DecisionRule = "action" | "classification" | "access_control" | "domain_membership" | "grant";

export type Decision = {
  decision: "allow" | "deny";
  reason: string;
  policyId: string; // "global-data-governance" or "domain:<slug>": whose rule decided
  policyVersion: string; // content hash of the policy that decided, unless a version was given
  rule: DecisionRule;
};

type CompiledRole = { role: string; permissions: number; levels: number; grantable: number };

type CompiledScope = {
  policyId: string;
  policyVersion: string;
  accessPolicyId: string; // who defined the role table: the global policy, or a domain that overrode it
  accessModel: AccessModel;
  levels: ReadonlyMap<string, number>;
  roles: ReadonlyMap<string, CompiledRole>;
  roleNames: string;
};

export type CompiledPolicies = {
  global: CompiledScope;
  domains: ReadonlyMap<string, CompiledScope>;
};

const ACTION_BITS: ReadonlyMap<string, number> = new Map(PERMISSIONS.map((p, i) => [p, 1 << i]));
const READ = ACTION_BITS.get("read")!;
const DOMAIN_ROLE_BITS: ReadonlyMap<string, number> = new Map([
  ["owner", [...ACTION_BITS.values()].reduce((all, bit) => all | bit, 0)],
  ["producer", READ | ACTION_BITS.get("write")!],
  ["viewer", READ],
]);

export function compilePolicies(
  global: GlobalPolicy,
  domains: readonly DomainPolicy[],
  options: { globalId?: string; version?: string } = {},
): CompiledPolicies {
  const globalId = options.globalId ?? "global-data-governance";
  const compiled = (policy: EffectivePolicy, content: unknown): CompiledScope => {
    const policyId = policy.domain ? `domain:${policy.domain}` : globalId;
    const levels = new Map(policy.data_classification.map((c, i) => [c.level as string, 1 << i]));
    return {
      policyId,
      policyVersion: options.version ?? contentHash(content),
      accessPolicyId: policy.sources.access_control === "domain" ? policyId : globalId,
      accessModel: policy.access_model ?? "role_based",
      levels,
      roles: new Map(policy.access_control.map((r) => [r.role, compileRole(r, levels)])),
      roleNames: policy.access_control.map((r) => r.role).join(", "),
    };
  };
  return {
    global: compiled(effectivePolicy(global).policy, global),
    domains: new Map(domains.map((d) => [d.domain, compiled(effectivePolicy(global, d).policy, [global, d])])),
  };
}

function compileRole(rule: AccessRule, levels: ReadonlyMap<string, number>): CompiledRole {
  let permissions = 0;
  for (const p of rule.permissions) permissions |= ACTION_BITS.get(p) ?? 0;
  let levelBits = 0;
  for (const l of rule.data_access) levelBits |= levels.get(l) ?? 0;
  let grantable = 0;
  if (permissions & READ) for (const g of rule.grants ?? []) grantable |= levels.get(g.level) ?? 0;
  return { role: rule.role, permissions, levels: levelBits, grantable };
}

export function decide(request: AccessRequest, policies: CompiledPolicies): Decision {
  const { action, subject, resource } = request;
  const domain = resource.domain;
  const scope = (domain !== undefined && policies.domains.get(domain)) || policies.global;
  const deny = (rule: DecisionRule, reason: string, policyId = scope.policyId): Decision => ({
    decision: "deny",
    reason,
    policyId,
    policyVersion: scope.policyVersion,
    rule,
  });

  const actionBit = ACTION_BITS.get(action);
  if (actionBit === undefined) return deny("action", `No policy allows the action "${action}".`);

  let levelBit = 0;
  if (resource.classification !== undefined) {
    levelBit = scope.levels.get(resource.classification) ?? 0;
    if (levelBit === 0) return deny("classification", `Classification "${resource.classification}" is not defined by the policy.`);
  }

  let granted: CompiledRole | undefined;
  let known = false;
  let permitted = false;
  for (const name of subject.roles) {
    const role = scope.roles.get(name);
    if (!role) continue;
    known = true;
    if ((role.permissions & actionBit) === 0) continue;
    permitted = true;
    if (levelBit === 0 || (role.levels & levelBit) !== 0) {
      granted = role;
      break;
    }
  }
  if (!granted && request.grant && actionBit === READ && levelBit !== 0) {
    for (const name of subject.roles) {
      const role = scope.roles.get(name);
      if (role && (role.grantable & levelBit) !== 0) {
        return {
          decision: "allow",
          reason: `${role.role} may read ${resource.classification} data through access grant ${request.grant.id} (until ${request.grant.expiresAt}).`,
          policyId: scope.accessPolicyId,
          policyVersion: scope.policyVersion,
          rule: "grant",
        };
      }
    }
  }
  if (!granted) {
    const reason = !known
      ? `${subject.id} has none of the policy roles (${scope.roleNames}).`
      : !permitted
        ? `None of ${subject.id}'s roles (${subject.roles.join(", ")}) has the ${action} permission.`
        : `None of ${subject.id}'s roles with the ${action} permission may access ${resource.classification} data.`;
    return deny("access_control", reason, scope.accessPolicyId);
  }

  let membership = "";
  if (domain !== undefined && (actionBit !== READ || scope.accessModel === "strict_role_based")) {
    const domainRole = Object.hasOwn(subject.domainRoles, domain) ? subject.domainRoles[domain] : undefined;
    if (((DOMAIN_ROLE_BITS.get(domainRole ?? "") ?? 0) & actionBit) === 0) {
      const holders = [...DOMAIN_ROLE_BITS].filter(([, bits]) => bits & actionBit).map(([r]) => r);
      return deny(
        "domain_membership",
        `${action} in domain ${domain} requires membership as ${holders.join(" or ")}; ${subject.id} is ${domainRole ? `a ${domainRole}` : "not a member"}.`,
        `domain:${domain}`,
      );
    }
    membership = `; ${domainRole} of ${domain}`;
  }

  return {
    decision: "allow",
    reason: `${granted.role} may ${action}${resource.classification !== undefined ? ` ${resource.classification} data` : ""}${membership}.`,
    policyId: scope.policyId,
    policyVersion: scope.policyVersion,
    rule: "access_control",
  };
}

/** FNV-1a over canonical JSON (sorted keys): equal policy content gives an equal version. */
export function contentHash(value: unknown): string {
  const text = canonicalJson(value);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, "0");
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
