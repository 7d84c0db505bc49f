// Read side of the product registry: one product, its versions, its lifecycle history.
import "server-only";
import { db } from "@/lib/db";
import type { DataProductSpec, LifecycleState, Classification } from "@/lib/products/types";
import type { ProductDetail, VersionSummary } from "@/lib/products/dto";

/** A DATE column as YYYY-MM-DD (Prisma returns it as midnight UTC). */
function isoDate(d: Date | null): string | null {
  return d ? d.toISOString().slice(0, 10) : null;
}

export async function getProduct(domain: string, name: string): Promise<ProductDetail | null> {
  const p = await db.dataProduct.findFirst({
    where: { name, domain: { slug: domain } },
    select: {
      id: true,
      name: true,
      description: true,
      owner: true,
      classification: true,
      lifecycle: true,
      currentVersion: true,
      tags: true,
      spec: true,
      lockVersion: true,
      createdAt: true,
      updatedAt: true,
      publishedAt: true,
      sunsetOn: true,
      templateVersion: true,
      domain: { select: { slug: true, name: true } },
      template: { select: { key: true, name: true } },
    },
  });
  if (!p) return null;
  return {
    id: p.id,
    domain: p.domain.slug,
    domainName: p.domain.name,
    name: p.name,
    description: p.description,
    owner: p.owner,
    classification: p.classification as Classification,
    lifecycle: p.lifecycle as LifecycleState,
    version: p.currentVersion,
    tags: p.tags,
    spec: p.spec as unknown as DataProductSpec,
    lockVersion: p.lockVersion,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    publishedAt: p.publishedAt?.toISOString() ?? null,
    sunsetOn: isoDate(p.sunsetOn),
    template: p.template ? { key: p.template.key, name: p.template.name, version: p.templateVersion ?? 1 } : null,
  };
}

export async function listVersions(productId: string): Promise<VersionSummary[]> {
  const rows = await db.dataProductVersion.findMany({
    where: { productId },
    orderBy: { createdAt: "desc" },
    select: { version: true, changeNote: true, breaking: true, createdAt: true, createdBy: { select: { name: true } } },
  });
  return rows.map((r) => ({
    version: r.version,
    changeNote: r.changeNote,
    breaking: r.breaking,
    author: r.createdBy?.name ?? null,
    createdAt: r.createdAt.toISOString(),
  }));
}

export async function getVersionSpec(productId: string, version: string): Promise<DataProductSpec | null> {
  const row = await db.dataProductVersion.findUnique({ where: { productId_version: { productId, version } }, select: { spec: true } });
  return row ? (row.spec as unknown as DataProductSpec) : null;
}

export type LifecycleEventDto = {
  from: string | null;
  to: string;
  actor: string | null;
  note: string;
  sunsetOn: string | null;
  at: string;
};

export async function listLifecycleEvents(productId: string): Promise<LifecycleEventDto[]> {
  const rows = await db.lifecycleEvent.findMany({
    where: { productId },
    orderBy: { at: "desc" },
    select: { fromState: true, toState: true, note: true, sunsetOn: true, at: true, actor: { select: { name: true } } },
  });
  return rows.map((r) => ({
    from: r.fromState,
    to: r.toState,
    actor: r.actor?.name ?? null,
    note: r.note,
    sunsetOn: isoDate(r.sunsetOn),
    at: r.at.toISOString(),
  }));
}

/** A product's id from its address (domain slug and name), or null when there is no such product. */
export async function findProductId(ref: { domain: string; name: string }): Promise<string | null> {
  const p = await db.dataProduct.findFirst({ where: { name: ref.name, domain: { slug: ref.domain } }, select: { id: true } });
  return p?.id ?? null;
}
