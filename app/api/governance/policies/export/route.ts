// Downloads a policy as YAML in the seed's format: the current version or ?version=N.
//   /api/governance/policies/export?scope=global[&version=N]
//   /api/governance/policies/export?scope=domain&domain=<slug>[&version=N]
import { getCurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { ForbiddenError, NotFoundError, toErrorResponse, UnauthenticatedError, ValidationError } from "@/lib/errors";
import { getPolicyVersion, listPolicyVersions, type PolicyRef } from "@/lib/governance/policy-history";
import { domainPolicyDocument, serializeDomainPolicyYaml, serializeGlobalPolicyYaml } from "@/lib/governance/policy-yaml";
import type { DomainPolicy, GlobalPolicy } from "@/lib/governance/types";

export async function GET(request: Request): Promise<Response> {
  try {
    const url = new URL(request.url);
    const scope = url.searchParams.get("scope");
    const slug = url.searchParams.get("domain") ?? "";
    const rawVersion = url.searchParams.get("version");
    const user = await getCurrentUser();
    if (!user) throw new UnauthenticatedError();
    let ref: PolicyRef;
    if (scope === "global") {
      if (!can.readPolicies(user)) throw new ForbiddenError();
      ref = { scope: "global" };
    } else if (scope === "domain" && slug) {
      if (!can.readDomainPolicy(user, slug)) throw new ForbiddenError();
      ref = { scope: "domain", slug };
    } else {
      throw new ValidationError("Give scope=global, or scope=domain and domain=<slug>.");
    }
    if (rawVersion !== null && !/^\d{1,9}$/.test(rawVersion)) throw new ValidationError("version must be a whole number.");
    const history = await listPolicyVersions(ref, 1, 1);
    if (!history) throw new NotFoundError("This policy does not exist.");
    const version = rawVersion === null ? history.policy.version : Number(rawVersion);
    const found = await getPolicyVersion(ref, version);
    if (!found) throw new NotFoundError(`There is no version ${version} of this policy.`);
    const name = history.policy.name;
    const text =
      ref.scope === "global"
        ? serializeGlobalPolicyYaml({ apiVersion: "v1", kind: "DataGovernancePolicy", metadata: { name }, spec: found.spec as GlobalPolicy })
        : serializeDomainPolicyYaml(domainPolicyDocument({ ...(found.spec as DomainPolicy), domain: ref.slug }, name));
    return new Response(text, {
      headers: {
        "Content-Type": "application/yaml; charset=utf-8",
        "Content-Disposition": `attachment; filename="${name}-v${version}.yaml"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (e) {
    return toErrorResponse(e);
  }
}
