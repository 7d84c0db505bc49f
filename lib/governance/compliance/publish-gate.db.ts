// Governance's part of every lifecycle transition: moving to `published` re-validates the product
// against its effective policy; errors block, warnings block until an owner acknowledged them. Every
// transition that reaches this point is written to the audit log, inside the transition's transaction
// when allowed (so the entry and the change commit together) and on its own when refused (the
// transaction rolls back, the refusal must stay on record).
//
// lib/products/move-lifecycle.ts calls it inside every move's transaction, after the permission check.
import "server-only";
import type { Tx } from "@/lib/db";
import { AppError, ValidationError } from "@/lib/errors";
import type { Principal } from "@/lib/auth";
import type { LifecycleState, MoveDetails, MovingProduct } from "@/lib/products";
import { audit } from "@/lib/audit/writer";
import { publishDecision, type GateDecision } from "@/lib/governance/compliance/status";
import type { Finding } from "@/lib/governance/compliance/rules";
import { currentValidation } from "@/lib/governance/compliance/validate-products.db";

export const PUBLISH_GATE_POLICY = "publish-gate";

export async function publishGate(
  tx: Tx,
  product: MovingProduct,
  to: LifecycleState,
  actor: Principal,
  details: MoveDetails = { note: "", sunsetOn: null },
): Promise<void> {
  const entry = {
    subject: actor.email,
    action: `lifecycle:${to}`,
    resource: `data_product:${product.domain}/${product.name}`,
    policyId: PUBLISH_GATE_POLICY,
  };
  if (to !== "published") {
    // Only the portal's permission rules decided this move (checked before the gate runs).
    // The owner's reason (required for deprecate and retire) and the sunset date go on record with the move.
    const why = details.note ? ` Reason: ${details.note}` : "";
    const sunset = details.sunsetOn ? ` Sunset on ${details.sunsetOn}.` : "";
    await audit(
      {
        ...entry,
        policyId: "portal-permissions",
        decision: "allow",
        reason: `${product.from.replace("_", " ")} → ${to.replace("_", " ")} by an authorised user.${why}${sunset}`,
        context: { from: product.from, to, note: details.note, sunsetOn: details.sunsetOn },
      },
      tx,
    );
    return;
  }

  let validation: Awaited<ReturnType<typeof currentValidation>>;
  try {
    validation = await currentValidation(tx, product.id, actor.id);
  } catch (e) {
    // No policy to validate against (or it cannot be read): fail closed.
    const reason = e instanceof AppError ? e.message : "The product could not be validated against its policy.";
    await audit({ ...entry, decision: "deny", reason, context: { from: product.from, to } });
    throw new ValidationError(`Publishing is blocked: ${reason}`);
  }

  const decision = publishDecision(validation.findings, validation.acknowledged);
  const context = {
    from: product.from,
    to,
    validationId: validation.id,
    ruleIds: validation.findings.filter((f) => f.severity !== "info").map((f) => f.ruleId),
  };
  if (!decision.allowed) {
    await audit({ ...entry, decision: "deny", reason: decision.reason, context });
    // The audit keeps the whole reason; the user gets a headline and one field error per finding, keyed
    // by its spec path, so the form can list them and link each one to the field to fix.
    throw new ValidationError(refusalHeadline(decision), findingsByPath(decision.blocking));
  }
  await audit({ ...entry, decision: "allow", reason: decision.reason, context }, tx);
}

function refusalHeadline(decision: Extract<GateDecision, { allowed: false }>): string {
  const n = decision.blocking.length;
  if (decision.needs === "acknowledgement") {
    return `Publishing is blocked: an owner must acknowledge ${n === 1 ? "1 policy warning" : `${n} policy warnings`} on the compliance page.`;
  }
  return `Publishing is blocked by ${n === 1 ? "1 policy error" : `${n} policy errors`}. Fix ${n === 1 ? "it" : "them"} and publish again.`;
}

function findingsByPath(findings: readonly Finding[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of findings) (out[f.path] ??= []).push(`${f.message} ${f.fixHint}`.trim());
  return out;
}
