// The people and things the authorization matrix acts on: one user per principal of the matrix (the
// product's domain owner and producer, a producer who owns ANOTHER domain, a consumer, an admin,
// governance, an executive; "anonymous" has no user), two domains, and factories for products in the
// states an action needs (draft, in review, published, provisioned in staging).
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/current-user";
import { registerProduct } from "@/lib/products/register-product";
import type { DataProductSpec } from "@/lib/products/types";
import { createDomain, createPrincipal, sampleSpec, uid } from "@/prisma/seed/factories";
import { ensurePlatformReferenceData, provisioned as provisionFixture } from "@/tests/provisioning-fixtures";

export const PRINCIPALS = ["anonymous", "consumer", "owner", "producer", "otherDomain", "admin", "governance", "executive"] as const;
export type PrincipalKey = (typeof PRINCIPALS)[number];

export const PRINCIPAL_LABELS: Record<PrincipalKey, string> = {
  anonymous: "anonymous visitor",
  consumer: "data_consumer",
  owner: "data_producer, owner of the product's domain",
  producer: "data_producer, producer in the product's domain",
  otherDomain: "data_producer, owner of ANOTHER domain",
  admin: "data_admin",
  governance: "governance",
  executive: "executive",
};

export type ProductRef = { id: string; domain: string; name: string; spec: DataProductSpec };
export type Provisioned = ProductRef & { jobId: string; deploymentId: string };

export type World = {
  users: Record<PrincipalKey, CurrentUser | null>;
  /** The domain the products live in (owner and producer are members). */
  domain: string;
  /** The other producer's domain. */
  otherDomain: string;
  product(opts?: { lifecycle?: "draft" | "in_review" | "published"; spec?: Partial<DataProductSpec> }): Promise<ProductRef>;
  /** A product provisioned to staging (its job ran to completion), fresh per call. */
  provisioned(spec?: Partial<DataProductSpec>): Promise<Provisioned>;
  unique(prefix: string): string;
};

// Readable by consumers and producers (the seed policy's access levels for internal data).
const ACCESS: DataProductSpec["access"] = [
  { role: "data_consumer", permissions: ["read"] },
  { role: "data_producer", permissions: ["read", "write"] },
];

export async function buildWorld(): Promise<World> {
  await ensurePlatformReferenceData();
  const domain = (await createDomain()).slug;
  const otherDomain = (await createDomain()).slug;
  const users: Record<PrincipalKey, CurrentUser | null> = {
    anonymous: null,
    consumer: await createPrincipal(["data_consumer"]),
    owner: await createPrincipal(["data_producer"], { [domain]: "owner" }),
    producer: await createPrincipal(["data_producer"], { [domain]: "producer" }),
    otherDomain: await createPrincipal(["data_producer"], { [otherDomain]: "owner" }),
    admin: await createPrincipal(["data_admin"]),
    governance: await createPrincipal(["governance"]),
    executive: await createPrincipal(["executive"]),
  };
  const owner = users.owner!;

  async function product(
    opts: { lifecycle?: "draft" | "in_review" | "published"; spec?: Partial<DataProductSpec> } = {},
  ): Promise<ProductRef> {
    const spec = sampleSpec(domain, { access: ACCESS, ...opts.spec });
    const created = await registerProduct(owner, spec, { templateKey: "batch_analytics" });
    if (opts.lifecycle && opts.lifecycle !== "draft") {
      await db.dataProduct.update({
        where: { id: created.id },
        data: { lifecycle: opts.lifecycle, ...(opts.lifecycle === "published" ? { publishedAt: new Date() } : {}) },
      });
    }
    return { id: created.id, domain, name: spec.name, spec };
  }

  async function provisioned(spec?: Partial<DataProductSpec>): Promise<Provisioned> {
    const p = await product({ lifecycle: "published", spec });
    const { jobId, deployment } = await provisionFixture({ domain, owner, spec: p.spec, productId: p.id });
    return { ...p, jobId, deploymentId: deployment.id };
  }

  return { users, domain, otherDomain, product, provisioned, unique: (prefix) => `${prefix}-${uid()}` };
}
