// Service results → the API's documented shapes (schemas.ts), so answers carry exactly what the
// OpenAPI document promises and nothing of the database rows behind them.
import type { ProductEntry, ProductSummary } from "@/lib/products";

type Summary = Omit<ProductSummary, "id">;

export function productSummaryDto(p: Summary) {
  return {
    domain: p.domain,
    name: p.name,
    description: p.description,
    owner: p.owner,
    classification: p.classification,
    lifecycle: p.lifecycle,
    version: p.version,
    tags: p.tags,
    updatedAt: p.updatedAt,
    sunsetOn: p.sunsetOn,
    href: `/products/${p.domain}/${p.name}`,
  };
}

export function productDto(p: ProductEntry) {
  const base = `/api/v1/products/${p.domain}/${p.name}`;
  return {
    ...productSummaryDto(p),
    domainName: p.domainName,
    createdAt: p.createdAt,
    publishedAt: p.publishedAt,
    schema: p.spec.schema.map((f) => ({ name: f.name, type: f.type, description: f.description, required: f.required, pii: f.pii })),
    slo: { availability: p.spec.slo.availability, latencyMs: p.spec.slo.latencyMs, freshnessMinutes: p.spec.slo.freshnessMinutes },
    links: { contract: `${base}/contract`, data: `${base}/data` },
  };
}

type DomainDetail = {
  slug: string;
  name: string;
  description: string;
  ownerTeam: string;
  status: string;
  createdAt: string;
  archivedAt: string | null;
  members: { role: "owner" | "producer" | "viewer"; name: string; email: string }[];
};

export function domainDto(d: DomainDetail) {
  return {
    slug: d.slug,
    name: d.name,
    description: d.description,
    ownerTeam: d.ownerTeam,
    status: d.status,
    createdAt: d.createdAt,
    archivedAt: d.archivedAt,
    members: d.members.map((m) => ({ role: m.role, name: m.name, email: m.email })),
  };
}
