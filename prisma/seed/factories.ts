// Test data factories: each call creates uniquely named rows, so tests never collide.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { DomainRoleName, RoleName } from "@/lib/auth/permissions";
import type { DataProductSpec } from "@/lib/products/types";
import { parseGlobalPolicyYaml } from "@/lib/governance/policies/yaml";
import { GLOBAL_POLICY_NAME } from "@/lib/governance/policies/types";

export const uid = (): string => randomBytes(4).toString("hex");

export async function createDomain(overrides: { slug?: string; status?: "onboarded" | "not_onboarded" } = {}) {
  const slug = overrides.slug ?? `dom-${uid()}`;
  return db.domain.create({
    data: { slug, name: `Domain ${slug}`, ownerTeam: `${slug}@company.com`, status: overrides.status ?? "onboarded" },
  });
}

/** A user with roles and memberships, returned as the principal services expect. */
export async function createPrincipal(roles: RoleName[], domains: Record<string, DomainRoleName> = {}): Promise<CurrentUser> {
  const email = `user-${uid()}@test.local`;
  const user = await db.user.create({ data: { email, name: `User ${email}`, roles } });
  for (const [slug, role] of Object.entries(domains)) {
    const d = await db.domain.findUniqueOrThrow({ where: { slug } });
    await db.domainMembership.create({ data: { userId: user.id, domainId: d.id, role } });
  }
  return { id: user.id, email, name: user.name, roles, domains };
}

export function sampleSpec(domain: string, overrides: Partial<DataProductSpec> = {}): DataProductSpec {
  return {
    name: `product-${uid()}`,
    domain,
    // The factory domain's team address (createDomain), so a registered sample passes the owner check.
    owner: `${domain}@company.com`,
    version: "1.0.0",
    description: "A sample data product for tests",
    classification: "internal",
    schema: [
      { name: "id", type: "string", description: "Identifier", required: true, pii: false },
      { name: "amount", type: "number", description: "Amount", required: false, pii: false },
    ],
    slo: { availability: 99.5, latencyMs: 200, freshnessMinutes: 60 },
    access: [{ role: "data_consumer", permissions: ["read"] }],
    lineage: { sources: ["erp"], transformations: ["cleaning"] },
    tags: ["test"],
    governance: { encryption: true, retention: "1_year" },
    ...overrides,
  };
}

/**
 * Puts the seed's global governance policy in place (creating it, or resetting its content with a new
 * version), so tests that publish or validate run against known rules. Returns the policy's version.
 */
export async function ensureGlobalPolicy(): Promise<number> {
  const parsed = parseGlobalPolicyYaml(readFileSync(path.join(process.cwd(), "prisma", "seed", "policies", "global.yaml"), "utf8"));
  if (!parsed.ok) throw new Error(`seed global policy is invalid: ${JSON.stringify(parsed.issues)}`);
  const spec = parsed.value.spec as unknown as object;
  const existing = await db.policy.findUnique({ where: { name: GLOBAL_POLICY_NAME }, select: { id: true, version: true } });
  if (!existing) {
    const created = await db.policy.create({
      data: { scope: "global", name: GLOBAL_POLICY_NAME, spec, versions: { create: { version: 1, spec, note: "Test setup" } } },
      select: { version: true },
    });
    return created.version;
  }
  const version = existing.version + 1;
  await db.policy.update({
    where: { id: existing.id },
    data: { spec, version, versions: { create: { version, spec, note: "Test setup: reset to the seed policy" } } },
  });
  return version;
}

/** A domain policy for `slug` (replacing any), e.g. { quality_requirements: { freshness: "1_hour" } }. */
export async function createDomainPolicy(slug: string, spec: Record<string, unknown>): Promise<void> {
  const domain = await db.domain.findUniqueOrThrow({ where: { slug }, select: { id: true } });
  const full = { domain: slug, ...spec };
  await db.policy.deleteMany({ where: { domainId: domain.id } });
  await db.policy.create({
    data: {
      scope: "domain",
      name: `${slug}-governance`,
      domainId: domain.id,
      spec: full,
      versions: { create: { version: 1, spec: full, note: "Test setup" } },
    },
  });
}
