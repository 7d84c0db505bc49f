// The seed's PolicyEnforcementEngine wired to the database: compiles the stored policies (cached until a
// policy version changes), decides with the pure engine (deny by default) and writes every decision to
// the append-only audit log (the seed's AuditLogger).
//
// Fail closed on the audit: an `allow` that cannot be written to the audit log is turned into a
// `deny`. Data access that leaves no trace is exactly what an audit log exists to rule out, and the
// write only fails when the database is unwell, in which case the access itself would fail anyway.
// A `deny` whose audit write fails stays a deny (and is logged loudly).
import "server-only";
import { randomUUID } from "node:crypto";
import { cache } from "react";
import { headers } from "next/headers";
import { db, type Tx } from "@/lib/db";
import { compilePolicies, decide, type CompiledPolicies, type Decision, type DomainRole } from "@/lib/governance/enforce";
import type { DomainPolicy, GlobalPolicy } from "@/lib/governance/types";
import type { Principal } from "@/lib/auth/permissions";
import { logger } from "@/lib/logger";
import { acceptedRequestId } from "@/lib/request-id";
import { boundAuditContext, boundAuditText } from "@/lib/governance/audit-entry";
import {
  busiestAnonymousRefusals,
  countAnonymousRefusal,
  FIRST_ROWS_PER_WINDOW,
  WINDOW_SECONDS,
} from "@/lib/governance/anonymous-refusals";

export type EnforceResource = { type: string; id: string; domain?: string; classification?: string };
export type EnforceResult = Decision & { auditId: string | null };

let cache_: { key: string; compiled: CompiledPolicies; globalVersion: number } | null = null;

async function compiled(): Promise<{ compiled: CompiledPolicies; globalVersion: number } | null> {
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

/** Forget compiled policies (after a policy change in this process). */
export function invalidatePolicyCache(): void {
  cache_ = null;
}

/**
 * The request's correlation id: the `x-request-id` header when it is a valid one (proxy.ts sets one; a
 * route it skips sees the client's), else a fresh id that every audit row of this request shares.
 * Outside a request (seed, jobs, tests) each call gets its own.
 */
export const currentRequestId = cache(async (): Promise<string> => {
  try {
    const given = acceptedRequestId((await headers()).get("x-request-id"));
    if (given) return given;
  } catch {
    // Not inside a request.
  }
  return randomUUID();
});

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
  try {
    const policies = await compiled();
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
          resource,
          context,
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
    context: { ...context, rule: result.rule, classification: resource.classification ?? null },
  };
  const auditId = await audit(entry);
  if (auditId === null && result.decision === "allow") {
    return { ...result, decision: "deny", reason: "The decision could not be recorded in the audit log, so it is denied.", auditId };
  }
  return { ...result, auditId };
}

export type AuditInput = {
  subject: string;
  action: string;
  resource: string;
  decision: "allow" | "deny";
  reason: string;
  policyId?: string | null;
  policyVersion?: number | null;
  requestId?: string | null;
  context?: Record<string, unknown>;
};

/**
 * The seed's AuditLogger.log_decision: one append-only row per decision. Pass the transaction client
 * to make the row part of the change it authorises (it then commits or rolls back with it; errors
 * propagate so the change fails with it). Without a client it never throws and returns null on failure.
 *
 * Every row is bounded and cleaned here (lib/governance/audit-entry.ts), whatever the caller passed.
 * Refusals of anonymous visitors are counted rather than logged one by one (anonymous-refusals.ts);
 * for those that are only counted the answer is "counted", not a row id.
 */
export async function audit(entry: AuditInput, client?: Tx): Promise<string | null> {
  const text = boundAuditText({ ...entry, requestId: entry.requestId ?? (await currentRequestId()) });
  const row: Row = {
    ...text,
    policyId: text.policyId ?? null,
    policyVersion: entry.policyVersion ?? null,
    requestId: text.requestId ?? null,
    context: boundAuditContext(entry.context),
  };
  const counted = row.subject === ANONYMOUS && row.decision === "deny";
  if (client) return counted ? anonymousRefusal(client, row) : write(client, row);
  try {
    return counted ? await anonymousRefusal(db, row) : await write(db, row);
  } catch (err) {
    // An unrecorded decision must not pass silently: log loudly; enforce() turns an allow into a deny.
    logger.error({ err, entry: row }, "audit log write failed");
    return null;
  }
}

const ANONYMOUS = "anonymous";

type Client = Tx | typeof db;
type Row = {
  subject: string;
  action: string;
  resource: string;
  decision: "allow" | "deny";
  reason: string;
  policyId: string | null;
  policyVersion: number | null;
  requestId: string | null;
  context: Record<string, unknown>;
};

async function write(client: Client, row: Row): Promise<string> {
  const created = await client.auditEvent.create({ data: { ...row, context: row.context as object }, select: { id: true } });
  return created.id.toString();
}

async function anonymousRefusal(client: Client, row: Row): Promise<string> {
  const counted = await countAnonymousRefusal(row.action, row.resource, client);
  const window = counted.window.toISOString();
  const minutes = WINDOW_SECONDS / 60;
  let id = "counted";
  if (counted.first) {
    id = await write(client, {
      ...row,
      context: {
        ...row.context,
        anonymousWindow: window,
        note: `Further refusals of this action on this resource in the ${minutes}-minute window are counted, not logged.`,
      },
    });
  }
  const summary = { ...row, action: "anonymous_refusals", resource: "*", policyId: "portal-permissions", policyVersion: null };
  if (counted.overflow) {
    await write(client, {
      ...summary,
      reason: `More than ${FIRST_ROWS_PER_WINDOW} different anonymous refusals since ${window}; the rest of the window is only counted.`,
      context: { anonymousWindow: window },
    });
  }
  if (counted.summary) {
    const busiest = await busiestAnonymousRefusals(counted.window, client);
    await write(client, {
      ...summary,
      reason: `${counted.total} anonymous refusals since ${window}.`,
      context: { anonymousWindow: window, total: counted.total, busiest },
    });
  }
  return id;
}
