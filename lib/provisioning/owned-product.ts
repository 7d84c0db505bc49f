// The product a provisioning or loading request is about, checked against its owners. Every service of
// this area starts here, so "you don't own it" is a ForbiddenError (403) in exactly one place.
import "server-only";
import { db } from "@/lib/db";
import { assertCan, productResource, type CurrentUser } from "@/lib/auth/server";
import { NotFoundError } from "@/lib/errors";
import type { Classification, DataProductSpec, LifecycleState } from "@/lib/products";

export type OwnedProduct = {
  id: string;
  domain: string;
  domainId: string;
  name: string;
  owner: string;
  classification: Classification;
  lifecycle: LifecycleState;
  version: string;
  spec: DataProductSpec;
  template: { key: string; version: number; config: Record<string, unknown> } | null;
};

export async function findProduct(domain: string, name: string): Promise<OwnedProduct | null> {
  const p = await db.dataProduct.findFirst({
    where: { name, domain: { slug: domain } },
    select: {
      id: true,
      name: true,
      owner: true,
      classification: true,
      lifecycle: true,
      currentVersion: true,
      spec: true,
      templateVersion: true,
      domain: { select: { id: true, slug: true } },
      template: { select: { key: true, config: true, version: true } },
    },
  });
  if (!p) return null;
  return {
    id: p.id,
    domain: p.domain.slug,
    domainId: p.domain.id,
    name: p.name,
    owner: p.owner,
    classification: p.classification as Classification,
    lifecycle: p.lifecycle as LifecycleState,
    version: p.currentVersion,
    spec: p.spec as unknown as DataProductSpec,
    template: p.template
      ? { key: p.template.key, version: p.templateVersion ?? p.template.version, config: p.template.config as Record<string, unknown> }
      : null,
  };
}

export async function loadOwnedProduct(user: CurrentUser, domain: string, name: string, verb = "provision"): Promise<OwnedProduct> {
  const product = await findProduct(domain, name);
  if (!product) throw new NotFoundError("This data product does not exist.");
  await assertCan(user, "provisionProduct", [{ domain: product.domain }], {
    action: verb,
    resource: productResource(product.domain, product.name),
    message: `Only the owners of ${domain}/${name} can ${verb} it.`,
  });
  return product;
}
