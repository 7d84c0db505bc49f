// Downloads a policy as YAML in the seed's format: the current version or ?version=N.
//   /api/governance/policies/export?scope=global[&version=N]
//   /api/governance/policies/export?scope=domain&domain=<slug>[&version=N]
import { authorize, requireUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { NotFoundError, toErrorResponse, ValidationError } from "@/lib/errors";
import { getPolicyVersion, listPolicyVersions, type PolicyRef } from "@/lib/governance/policies/history.db";
import { domainPolicyDocument, serializeDomainPolicyYaml, serializeGlobalPolicyYaml } from "@/lib/governance/policies/yaml";
import { domainSlugSchema } from "@/lib/governance/policies/schema";
import { GLOBAL_POLICY_NAME, type DomainPolicy, type GlobalPolicy } from "@/lib/governance/policies/types";

export async function GET(request: Request): Promise<Response> {
  try {
    const url = new URL(request.url);
    const scope = url.searchParams.get("scope");
    const slug = url.searchParams.get("domain") ?? "";
    const rawVersion = url.searchParams.get("version");
    const ref: PolicyRef | null = scope === "global" ? { scope: "global" } : scope === "domain" && slug ? { scope: "domain", slug } : null;
    if (!ref) {
      // Nothing to authorize yet, but an anonymous caller still gets 401 rather than a hint about the query.
      await requireUser();
      throw new ValidationError("Give scope=global, or scope=domain and domain=<slug>.");
    }
    // Input is checked before authorize: its refusals go to the append-only audit log, and the
    // resource there is built from the slug, so only a well-formed slug may ever get that far.
    if (ref.scope === "domain" && !domainSlugSchema.safeParse(ref.slug).success) {
      throw new ValidationError("domain must be a domain slug (lowercase letters, digits and dashes).", { domain: ["Not a domain slug."] });
    }
    if (rawVersion !== null && !/^\d{1,9}$/.test(rawVersion)) throw new ValidationError("version must be a whole number.");
    // authorize writes refusals to the audit log; the resource names the policy as policy saves do.
    if (ref.scope === "global") {
      await authorize(can.readPolicies, { action: "export_policy", resource: `policy:${GLOBAL_POLICY_NAME}` });
    } else {
      await authorize((user) => can.readDomainPolicy(user, ref.slug), {
        action: "export_policy",
        resource: `policy:${ref.slug}-governance`,
      });
    }
    const history = await listPolicyVersions(ref, 1, 1);
    if (!history) throw new NotFoundError("This policy does not exist.");
    const version = rawVersion === null ? history.policy.version : Number(rawVersion);
    const found = await getPolicyVersion(ref, version);
    if (!found) throw new NotFoundError(`There is no version ${version} of this policy.`);
    const name = history.policy.name;
    const text =
      ref.scope === "global"
        ? serializeGlobalPolicyYaml({
            apiVersion: "v1",
            kind: "DataGovernancePolicy",
            metadata: { name },
            spec: found.spec as GlobalPolicy,
          })
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
