// Test factories for the metrics and consumer features: a product already published (set directly, so
// the tests do not depend on governance's publish gate) and its owner.
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/current-user";
import { registerProduct } from "@/lib/products/register-product";
import { createDomain, createPrincipal, sampleSpec } from "./factories";

export type PublishedProduct = { id: string; name: string; domain: string; domainId: string };

/** A fresh domain with an owner (data producer, domain owner). */
export async function createDomainWithOwner(): Promise<{ domain: { id: string; slug: string }; owner: CurrentUser }> {
  const domain = await createDomain();
  const owner = await createPrincipal(["data_producer"], { [domain.slug]: "owner" });
  return { domain: { id: domain.id, slug: domain.slug }, owner };
}

export async function createPublishedProduct(
  domain: { id: string; slug: string },
  owner: CurrentUser,
  fields?: Parameters<typeof sampleSpec>[1],
): Promise<PublishedProduct> {
  const spec = sampleSpec(domain.slug, fields);
  const p = await registerProduct(owner, spec);
  await db.dataProduct.update({ where: { id: p.id }, data: { lifecycle: "published", publishedAt: new Date() } });
  return { id: p.id, name: p.name, domain: domain.slug, domainId: domain.id };
}
