"use server";
// Preview or save one domain's policy. The slug comes from the form, so the services authorize it:
// governance, or the domain's owners for the paths the global policy leaves open.
import type { ActionState } from "@/lib/errors";
import { runPolicyAction } from "../../policy-action";

export async function domainPolicyAction(_prev: ActionState | null, formData: FormData): Promise<ActionState> {
  const slug = formData.get("domain");
  if (typeof slug !== "string" || slug === "") return { ok: false, message: "This form is out of date. Reload the page." };
  return runPolicyAction({ scope: "domain", slug }, formData);
}
