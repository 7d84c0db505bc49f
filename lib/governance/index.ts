// The governance area's public entry for other areas (pure): what the compliance rules read from a spec,
// and the policy types. Gates and checks that touch the database: `@/lib/governance/server`.
export { ruleInputsOf } from "./compliance/rule-inputs";
export type { AccessRule } from "./policies/types";
export type { ComplianceStatus } from "./compliance/status";
export { accessPath, clearedForPii, type AccessPath } from "./enforcement/access-path";
export { GRANT_APPROVALS, type GrantApproval, type EffectivePolicy } from "./policies/types";
