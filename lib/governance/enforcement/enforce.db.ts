// The seed's PolicyEnforcementEngine wired to the database: compiles the stored policies (cached until a
// policy version changes), decides with the pure engine (./decide.ts, deny by default) and writes every
// decision to the append-only audit log (the seed's AuditLogger).
//
// Fail closed on the audit: an `allow` that cannot be written to the audit log is turned into a
// `deny`. Data access that leaves no trace is exactly what an audit log exists to rule out, and the
// write only fails when the database is unwell, in which case the access itself would fail anyway.
// A `deny` whose audit write fails stays a deny (and is logged loudly).
import "server-only";
import { db } from "@/lib/db";
import { compilePolicies, decide, type CompiledPolicies, type Decision, type DomainRole } from "@/lib/governance/enforcement/decide";
import type { DomainPolicy, EffectivePolicy, GlobalPolicy } from "@/lib/governance/policies/types";
import { effectivePolicy } from "@/lib/governance/policies/merge";
import type { Principal } from "@/lib/auth";
import { logger } from "@/lib/logger";
import { audit, currentRequestId, type AuditInput } from "@/lib/audit/writer";

export type EnforceResource = {
  type: string;
  id: string;
  domain?: string;
  classification?: string;
  /** The subject's live access grant to this resource, if any: lets a read the role gate refuses through. */
  grant?: { id: string; expiresAt: string };
};
export type EnforceResult = Decision & {
  auditId: string | null;
  /**
   * The effective policy of the resource's domain that the decision was made under (null: none, or the resource
   * names no domain): the same snapshot, so a caller that also needs the policy does not read it again.
   */
  policy: EffectivePolicy | null;
};

type Cache = {
  key: string;
  compiled: CompiledPolicies;
  globalVersion: number;
  global: GlobalPolicy;
  domains: Map<string, DomainPolicy>;
  effective: Map<string, EffectivePolicy>;
};
let cache_: Cache | null = null;

async function compiled(): Promise<Cache | null> {
  // Only names and versions on every call; the policy documents are read again only when one changed.
  const versions = await db.policy.findMany({ select: { scope: true, name: true, version: true } });
  if (!versions.some((r) => r.scope === "global")) return null;
  const key = versions
    .map((r) => `${r.name}@${r.version}`)
    .sort()
    .join(",");
  if (cache_?.key !== key) {
    const rows = await db.policy.findMany({ select: { scope: true, name: true, version: true, spec: true } });
    const global = rows.find((r) => r.scope === "global");
    if (!global) return null;
    const domains = rows.filter((r) => r.scope === "domain").map((r) => r.spec as unknown as DomainPolicy);
    cache_ = {
      global: global.spec as unknown as GlobalPolicy,
      domains: new Map(domains.map((d) => [d.domain, d])),
      effective: new Map(),
      key: rows
        .map((r) => `${r.name}@${r.version}`)
        .sort()
        .join(","),
      compiled: compilePolicies(global.spec as unknown as GlobalPolicy, domains, {
        globalId: global.name,
        version: String(global.version),
      }),
      globalVersion: global.version,
    };
  }
  return cache_;
}

/**
 * The effective policy of a domain (global merged with the domain's), from the same cache as enforce():
 * what the access services and the product page read to say how a subject may come to read a product.
 * null when no global policy exists (nothing may be read or granted then).
 */
export async function effectivePolicyFor(domain: string): Promise<EffectivePolicy | null> {
  const c = await compiled();
  return c ? effectiveIn(c, domain) : null;
}

function effectiveIn(c: Cache, domain: string): EffectivePolicy {
  let found = c.effective.get(domain);
  if (!found) {
    found = effectivePolicy(c.global, c.domains.get(domain) ?? null).policy;
    c.effective.set(domain, found);
  }
  return found;
}

/** Forget compiled policies (after a policy change in this process). */
export function invalidatePolicyCache(): void {
  cache_ = null;
}

/** `type:domain/id`, the resource string of audit rows, so one filter finds a product's decisions. */
export function resourceKey(resource: EnforceResource): string {
  return `${resource.type}:${resource.domain ? `${resource.domain}/` : ""}${resource.id}`;
}

/**
 * Decides whether `subject` may perform `action` (read, write, delete, manage) on `resource`, and logs the
 * decision. Without a subject, or without a global policy, the answer is deny. Use it for every data
 * access check, e.g. `enforce(user, "read", { type: "data_product", id, domain, classification })`.
 */
export async function enforce(
  subject: Principal | null,
  action: string,
  resource: EnforceResource,
  context: Record<string, unknown> = {},
  requestId?: string,
): Promise<EnforceResult> {
  let result: Decision;
  let policy: EffectivePolicy | null = null;
  try {
    const policies = await compiled();
    if (policies && resource.domain) policy = effectiveIn(policies, resource.domain);
    if (!subject) {
      result = { decision: "deny", reason: "Not signed in.", policyId: "none", policyVersion: "0", rule: "action" };
    } else if (!policies) {
      result = {
        decision: "deny",
        reason: "No global governance policy is defined.",
        policyId: "none",
        policyVersion: "0",
        rule: "action",
      };
    } else {
      result = decide(
        {
          action,
          subject: { id: subject.email, roles: subject.roles, domainRoles: subject.domains as Record<string, DomainRole> },
          resource: { type: resource.type, id: resource.id, domain: resource.domain, classification: resource.classification },
          context,
          grant: resource.grant,
        },
        policies.compiled,
      );
    }
  } catch (err) {
    // Policies could not be read: nothing can be allowed.
    logger.error({ err, action, resource }, "policy evaluation failed");
    result = {
      decision: "deny",
      reason: "The governance policies could not be evaluated.",
      policyId: "none",
      policyVersion: "0",
      rule: "action",
    };
  }
  const entry: AuditInput = {
    subject: subject ? subject.email : "anonymous",
    action,
    resource: resourceKey(resource),
    decision: result.decision,
    reason: result.reason,
    policyId: result.policyId,
    policyVersion: Number.parseInt(result.policyVersion, 10) || null,
    requestId: requestId ?? (await currentRequestId()),
    context: { ...context, rule: result.rule, classification: resource.classification ?? null, grantId: resource.grant?.id ?? null },
  };
  const auditId = await audit(entry);
  if (auditId === null && result.decision === "allow") {
    return {
      ...result,
      decision: "deny",
      reason: "The decision could not be recorded in the audit log, so it is denied.",
      auditId,
      policy,
    };
  }
  return { ...result, auditId, policy };
}
