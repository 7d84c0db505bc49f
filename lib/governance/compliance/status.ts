// Turns validation findings into a product's compliance status and into the publish gate's answer.
// Pure, so the gate's rules are unit-tested without a database.
import { RULE_IDS, type Finding, type Severity } from "./rules";

export type ComplianceStatus = "unknown" | "passing" | "warnings" | "failing";

export type ComplianceCounts = { status: Exclude<ComplianceStatus, "unknown">; errors: number; warnings: number; infos: number };

/** Errors fail a product, warnings flag it, info findings are advice and do not count. */
export function summarize(findings: readonly Finding[]): ComplianceCounts {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const f of findings) {
    if (f.severity === "error") errors++;
    else if (f.severity === "warning") warnings++;
    else infos++;
  }
  return { status: errors > 0 ? "failing" : warnings > 0 ? "warnings" : "passing", errors, warnings, infos };
}

const SEVERITIES = new Set<Severity>(["error", "warning", "info"]);
const KNOWN_RULES = new Set<string>(RULE_IDS);

/** Findings as stored (JSON) back to typed findings; anything malformed is dropped, never trusted. */
export function findingsFromJson(value: unknown): Finding[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((v): Finding[] => {
    if (v === null || typeof v !== "object") return [];
    const f = v as Record<string, unknown>;
    if (typeof f.ruleId !== "string" || !KNOWN_RULES.has(f.ruleId)) return [];
    if (typeof f.severity !== "string" || !SEVERITIES.has(f.severity as Severity)) return [];
    return [
      {
        ruleId: f.ruleId as Finding["ruleId"],
        severity: f.severity as Severity,
        message: String(f.message ?? ""),
        path: String(f.path ?? ""),
        policyValue: f.policyValue,
        policySource: (typeof f.policySource === "string" ? f.policySource : "global") as Finding["policySource"],
        fixHint: String(f.fixHint ?? ""),
      },
    ];
  });
}

/** Same findings in the same order (JSON-equal): the validation's outcome did not change. */
export function sameFindings(a: readonly Finding[], b: readonly Finding[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export type ValidationState = {
  productVersion: string;
  globalPolicyVersion: number | null;
  domainPolicyVersion: number | null;
  findings: readonly Finding[];
};

/** True when a stored validation still describes the product: same version, policies and findings. */
export function isCurrent(stored: ValidationState, fresh: ValidationState): boolean {
  return (
    stored.productVersion === fresh.productVersion &&
    stored.globalPolicyVersion === fresh.globalPolicyVersion &&
    stored.domainPolicyVersion === fresh.domainPolicyVersion &&
    sameFindings(stored.findings, fresh.findings)
  );
}

/**
 * True when a new validation says nothing new: same product version and findings, whatever policy
 * versions it ran against (a policy save that changes no finding). Such runs are folded together.
 */
export function sameOutcome(stored: ValidationState, fresh: ValidationState): boolean {
  return stored.productVersion === fresh.productVersion && sameFindings(stored.findings, fresh.findings);
}

export type GateDecision =
  { allowed: true; reason: string } | { allowed: false; reason: string; blocking: Finding[]; needs: "fix" | "acknowledgement" };

/**
 * The publish gate: errors always block; warnings block until an owner acknowledged this validation;
 * info findings never block.
 */
export function publishDecision(findings: readonly Finding[], acknowledged: boolean): GateDecision {
  const errors = findings.filter((f) => f.severity === "error");
  if (errors.length > 0) {
    const list = errors.map((f) => `[${f.ruleId}] ${f.message}`).join(" ");
    return {
      allowed: false,
      needs: "fix",
      blocking: errors,
      reason: `Publishing is blocked by ${errors.length === 1 ? "1 policy error" : `${errors.length} policy errors`}: ${list} Fix ${errors.length === 1 ? "it" : "them"} and publish again.`,
    };
  }
  const warnings = findings.filter((f) => f.severity === "warning");
  if (warnings.length > 0 && !acknowledged) {
    return {
      allowed: false,
      needs: "acknowledgement",
      blocking: warnings,
      reason: `This product has ${warnings.length === 1 ? "1 policy warning" : `${warnings.length} policy warnings`} (${warnings.map((f) => f.ruleId).join(", ")}). An owner must acknowledge ${warnings.length === 1 ? "it" : "them"} on the compliance page before publishing.`,
    };
  }
  return {
    allowed: true,
    reason:
      warnings.length > 0
        ? `Compliant; ${warnings.length} acknowledged warning${warnings.length === 1 ? "" : "s"}.`
        : "Compliant with the effective policy.",
  };
}
