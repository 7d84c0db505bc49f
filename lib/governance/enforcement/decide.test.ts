import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CLASSIFICATIONS } from "@/lib/products/types";
import { seedDomain, seedGlobal } from "../__fixtures__/seed";
import { compilePolicies, contentHash, decide, DOMAIN_ROLES, type AccessRequest, type DomainRole } from "./decide";
import { effectivePolicy } from "../policies/merge";
import type { DomainPolicy, GlobalPolicy } from "../policies/types";

const global = seedGlobal();
const domains = [seedDomain("sales"), seedDomain("marketing"), seedDomain("finance")];
const policies = compilePolicies(global, domains);

function request(patch: {
  action?: string;
  roles?: string[];
  domainRoles?: Record<string, DomainRole>;
  domain?: string;
  classification?: string;
}): AccessRequest {
  return {
    action: patch.action ?? "read",
    subject: { id: "user:ada", roles: patch.roles ?? ["data_consumer"], domainRoles: patch.domainRoles ?? {} },
    resource: { type: "data_product", id: "customer-data-product", domain: patch.domain, classification: patch.classification },
  };
}

describe("decide", () => {
  it("denies actions no policy knows", () => {
    expect(decide(request({ action: "export" }), policies)).toEqual({
      decision: "deny",
      reason: 'No policy allows the action "export".',
      policyId: "global-data-governance",
      policyVersion: policies.global.policyVersion,
      rule: "action",
    });
    expect(decide(request({ action: "constructor" }), policies).decision).toBe("deny");
  });

  it("denies classifications the policy does not define", () => {
    expect(decide(request({ classification: "secret" }), policies)).toMatchObject({
      decision: "deny",
      rule: "classification",
      reason: 'Classification "secret" is not defined by the policy.',
    });
  });

  it("read requires the role's data_access to include the classification", () => {
    expect(decide(request({ classification: "internal" }), policies)).toMatchObject({
      decision: "allow",
      reason: "data_consumer may read internal data.",
    });
    expect(decide(request({ classification: "confidential" }), policies)).toMatchObject({
      decision: "deny",
      rule: "access_control",
      reason: "None of user:ada's roles with the read permission may access confidential data.",
    });
    expect(decide(request({ roles: ["data_consumer", "data_producer"], classification: "confidential" }), policies).decision).toBe("allow");
    expect(decide(request({ roles: ["data_admin"], classification: "restricted" }), policies).decision).toBe("allow");
  });

  it("denies subjects without a policy role", () => {
    expect(decide(request({ roles: ["data-analyst", "__proto__"] }), policies)).toMatchObject({
      decision: "deny",
      reason: "user:ada has none of the policy roles (data_consumer, data_producer, data_admin).",
    });
    expect(decide(request({ roles: [] }), policies).decision).toBe("deny");
  });

  it("write, delete and manage need the permission", () => {
    expect(decide(request({ action: "write", classification: "public" }), policies)).toMatchObject({
      decision: "deny",
      reason: "None of user:ada's roles (data_consumer) has the write permission.",
    });
    expect(decide(request({ action: "write", roles: ["data_producer"], classification: "public" }), policies).decision).toBe("allow");
    expect(decide(request({ action: "delete", roles: ["data_producer"], classification: "public" }), policies).decision).toBe("deny");
    expect(decide(request({ action: "manage", roles: ["data_admin"] }), policies).decision).toBe("allow");
  });

  it("the classification gate applies to writes too", () => {
    expect(decide(request({ action: "write", roles: ["data_producer"], classification: "restricted" }), policies)).toMatchObject({
      decision: "deny",
      rule: "access_control",
    });
  });

  it("domain-scoped writes need membership with a role that may do it", () => {
    const base = { action: "write", roles: ["data_producer"], domain: "sales", classification: "confidential" };
    expect(decide(request({ ...base, domainRoles: { sales: "producer" } }), policies)).toEqual({
      decision: "allow",
      reason: "data_producer may write confidential data; producer of sales.",
      policyId: "domain:sales",
      policyVersion: policies.domains.get("sales")!.policyVersion,
      rule: "access_control",
    });
    expect(decide(request({ ...base, domainRoles: { sales: "viewer" } }), policies)).toMatchObject({
      decision: "deny",
      rule: "domain_membership",
      policyId: "domain:sales",
      reason: "write in domain sales requires membership as owner or producer; user:ada is a viewer.",
    });
    expect(decide(request({ ...base, domainRoles: { marketing: "owner" } }), policies).reason).toMatch(/user:ada is not a member\.$/);
    // Platform admins do not bypass domain ownership.
    expect(
      decide(request({ ...base, action: "delete", roles: ["data_admin"], domainRoles: { sales: "producer" } }), policies).decision,
    ).toBe("deny");
    expect(decide(request({ ...base, action: "delete", roles: ["data_admin"], domainRoles: { sales: "owner" } }), policies).decision).toBe(
      "allow",
    );
    // A domain without a policy still scopes writes to its members.
    expect(decide(request({ ...base, domain: "ops", domainRoles: { sales: "owner" } }), policies)).toMatchObject({
      decision: "deny",
      policyId: "domain:ops",
    });
    expect(decide(request({ ...base, domain: "toString" }), policies).decision).toBe("deny");
  });

  it("reads cross domains under role_based, but need membership under strict_role_based (finance)", () => {
    expect(decide(request({ domain: "sales", classification: "internal" }), policies).decision).toBe("allow");
    expect(decide(request({ domain: "marketing", classification: "internal" }), policies).decision).toBe("allow");
    expect(decide(request({ domain: "finance", classification: "internal" }), policies)).toMatchObject({
      decision: "deny",
      rule: "domain_membership",
      reason: "read in domain finance requires membership as owner or producer or viewer; user:ada is not a member.",
    });
    expect(decide(request({ domain: "finance", classification: "internal", domainRoles: { finance: "viewer" } }), policies).decision).toBe(
      "allow",
    );
  });

  it("uses a domain's overridden role table and names it", () => {
    const ops: DomainPolicy = {
      domain: "ops",
      overrides: { access_control: [{ role: "data_consumer", permissions: ["read"], data_access: ["public"] }] },
    };
    const compiled = compilePolicies(global, [ops]);
    expect(decide(request({ domain: "ops", classification: "internal" }), compiled)).toMatchObject({
      decision: "deny",
      policyId: "domain:ops",
    });
    // ...unless the global policy locks access_control.
    const locked = compilePolicies({ ...global, locked: ["access_control"] }, [ops]);
    expect(decide(request({ domain: "ops", classification: "internal" }), locked).decision).toBe("allow");
  });

  it("versions decisions by policy content", () => {
    const again = compilePolicies(seedGlobal(), [seedDomain("sales")]);
    expect(again.global.policyVersion).toBe(policies.global.policyVersion);
    expect(again.domains.get("sales")!.policyVersion).toBe(policies.domains.get("sales")!.policyVersion);
    expect(policies.domains.get("sales")!.policyVersion).not.toBe(policies.domains.get("finance")!.policyVersion);
    const changed = compilePolicies({ ...global, data_quality: [] }, []);
    expect(changed.global.policyVersion).not.toBe(policies.global.policyVersion);
    expect(compilePolicies(global, [], { version: "v42", globalId: "acme" }).global).toMatchObject({
      policyVersion: "v42",
      policyId: "acme",
    });
    expect(contentHash({ a: 1, b: [2] })).toBe(contentHash({ b: [2], a: 1 }));
  });

  it("agrees with a direct reading of the effective policy (property)", () => {
    const reference = (req: AccessRequest, g: GlobalPolicy, ds: DomainPolicy[]): boolean => {
      const d = ds.find((x) => x.domain === req.resource.domain);
      const eff = effectivePolicy(g, d).policy;
      const { action } = req;
      if (!["read", "write", "delete", "manage"].includes(action)) return false;
      const level = req.resource.classification;
      if (level !== undefined && !eff.data_classification.some((c) => c.level === level)) return false;
      const roleOk = eff.access_control.some(
        (r) =>
          req.subject.roles.includes(r.role) &&
          (r.permissions as string[]).includes(action) &&
          (level === undefined || (r.data_access as string[]).includes(level)),
      );
      if (!roleOk) return false;
      const domain = req.resource.domain;
      if (domain === undefined || (action === "read" && (eff.access_model ?? "role_based") !== "strict_role_based")) return true;
      const member = req.subject.domainRoles[domain];
      const can = { owner: ["read", "write", "delete", "manage"], producer: ["read", "write"], viewer: ["read"] };
      return member !== undefined && can[member].includes(action);
    };
    const slugs = ["sales", "marketing", "finance", "ops"];
    const arbitraryRequest = fc.record({
      action: fc.constantFrom("read", "write", "delete", "manage", "export"),
      roles: fc.subarray(["data_consumer", "data_producer", "data_admin", "data-analyst"]),
      domainRoles: fc.dictionary(fc.constantFrom(...slugs), fc.constantFrom(...DOMAIN_ROLES)),
      domain: fc.option(fc.constantFrom(...slugs), { nil: undefined }),
      classification: fc.option(fc.constantFrom(...CLASSIFICATIONS, "secret"), { nil: undefined }),
    });
    fc.assert(
      fc.property(arbitraryRequest, (r) => {
        const req = request(r);
        expect(decide(req, policies).decision === "allow").toBe(reference(req, global, domains));
      }),
      { numRuns: 2_000 },
    );
  });
  // Decision latency is measured by `npm run bench` (docs/benchmarks.md), not asserted in a test.
});
