"use server";
// Preview or save one domain's policy. The slug comes from the form, so the services authorize it:
// governance, or the domain's owners for the paths the global policy leaves open.
import { optionalText } from "@/lib/validation/form-data";
import { policyAction } from "../../policy-action";

export const domainPolicyAction = policyAction((fd) => {
  const slug = optionalText(fd, "domain");
  return slug ? { scope: "domain", slug } : null;
});
