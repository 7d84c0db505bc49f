// Test data factories: each call creates uniquely named rows, so tests never collide.
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { DomainRoleName, RoleName } from "@/lib/auth/permissions";
import type { DataProductSpec } from "@/lib/products/types";

export const uid = (): string => randomBytes(4).toString("hex");

export async function createDomain(overrides: { slug?: string; status?: "onboarded" | "not_onboarded" } = {}) {
  const slug = overrides.slug ?? `dom-${uid()}`;
  return db.domain.create({ data: { slug, name: `Domain ${slug}`, ownerTeam: `${slug}@company.com`, status: overrides.status ?? "onboarded" } });
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
    owner: "team@company.com",
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
