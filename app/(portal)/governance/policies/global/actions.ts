"use server";
// Preview or save the global policy (structured form or YAML). Governance only, checked by the services.
import type { ActionState } from "@/lib/errors";
import { runPolicyAction } from "../policy-action";

export async function globalPolicyAction(_prev: ActionState | null, formData: FormData): Promise<ActionState> {
  return runPolicyAction({ scope: "global" }, formData);
}
