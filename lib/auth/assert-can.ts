// The one permission gate. Services call it with the rule from permissions.ts that governs what they are
// about to do; `authorize` (actions and routes) runs through it too. It fails closed (a falsy answer or
// a thrown check denies) and writes every denial to the audit log (subject, action, resource, reason)
// before throwing, so no refusal goes unrecorded. It needs no Next request, so scripts and tests can
// call the services that use it.
import "server-only";
import { can, type Principal } from "@/lib/auth/permissions";
import { ForbiddenError, UnauthenticatedError } from "@/lib/errors";
import { audit } from "@/lib/audit/writer";

export const PERMISSIONS_POLICY = "portal-permissions";

export type RuleName = keyof typeof can;
/** The arguments a rule takes after the principal, e.g. [ProductRef] for moveLifecycle. */
export type RuleArgs<K extends RuleName> = (typeof can)[K] extends (p: Principal | null, ...rest: infer A) => boolean ? A : never;

export type GateOptions = {
  /** What the user sees; ForbiddenError's generic text when omitted. */
  message?: string;
  /** What is being attempted, for the audit log; defaults to the rule's (or check function's) name. */
  action?: string;
  /** What it is attempted on, e.g. "data_product:sales/orders"; defaults to "portal". */
  resource?: string;
  /** Why it is refused, for the audit log; defaults to the user's roles and the rule. */
  reason?: string;
  context?: Record<string, unknown>;
  /** Field errors for the form, when the refusal concerns one field. */
  fieldErrors?: Record<string, string[]>;
};

/**
 * Passes when `check(user)` is true; otherwise audits the denial and throws (UnauthenticatedError when
 * there is no user, ForbiddenError otherwise). Returns the user, now known to be signed in.
 */
export async function ensure<U extends Principal>(
  user: U | null,
  check: (user: U) => boolean | Promise<boolean>,
  opts: GateOptions = {},
): Promise<U> {
  const action = opts.action ?? (check.name || "authorize");
  if (!user) {
    await recordDenial(null, { ...opts, action, reason: "Not signed in." });
    throw new UnauthenticatedError();
  }
  let allowed = false;
  let failure: string | undefined;
  try {
    allowed = (await check(user)) === true;
  } catch (e) {
    failure = e instanceof Error ? e.name : "error";
  }
  if (allowed) return user;
  await recordDenial(user, {
    ...opts,
    action,
    reason: failure ? `The permission check failed (${failure}), so access is denied.` : opts.reason,
  });
  throw new ForbiddenError(opts.message, opts.fieldErrors);
}

/**
 * Writes one denial to the audit log (`ensure` does for its refusals). For refusals that reach the user as
 * something other than a ForbiddenError (e.g. a field error on a form), so that they are recorded all the same.
 */
export async function recordDenial(user: Principal | null, opts: GateOptions & { action: string }): Promise<void> {
  await audit({
    subject: user?.email ?? "anonymous",
    action: opts.action,
    resource: opts.resource ?? "portal",
    decision: "deny",
    reason: opts.reason ?? `${user?.roles.join(", ") || "No roles"}: not permitted (${opts.action}).`,
    policyId: PERMISSIONS_POLICY,
    context: user ? { roles: user.roles, ...opts.context } : opts.context,
  });
}

/**
 * `ensure` for a named rule of permissions.ts: `await assertCan(user, "moveLifecycle", [ref], { resource })`.
 * The audit action defaults to the rule's name.
 */
export async function assertCan<K extends RuleName, U extends Principal>(
  user: U | null,
  rule: K,
  args: RuleArgs<K>,
  opts: GateOptions = {},
): Promise<U> {
  const fn = can[rule] as (p: Principal | null, ...rest: unknown[]) => boolean;
  return ensure(user, (u) => fn(u, ...(args as unknown[])), { ...opts, action: opts.action ?? rule });
}

/** The audit resource of a data product. */
export const productResource = (domain: string, name: string) => `data_product:${domain}/${name}`;
