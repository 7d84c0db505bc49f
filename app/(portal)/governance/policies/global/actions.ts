"use server";
// Preview or save the global policy (structured form or YAML). Governance only, checked by the services.
import { policyAction } from "../policy-action";

export const globalPolicyAction = policyAction(() => ({ scope: "global" }));
