// Row → DTO mapping: pages and clients get exactly these shapes, never whole database rows.
import type { DataProductSpec, LifecycleState, Classification } from "@/lib/products/types";

export type ProductSummary = {
  id: string;
  domain: string;
  name: string;
  description: string;
  owner: string;
  classification: Classification;
  lifecycle: LifecycleState;
  version: string;
  tags: string[];
  updatedAt: string;
  /** YYYY-MM-DD: when a deprecated product stops being served (announced when it was deprecated). */
  sunsetOn: string | null;
};

export type ProductDetail = ProductSummary & {
  domainName: string;
  spec: DataProductSpec;
  lockVersion: number;
  createdAt: string;
  publishedAt: string | null;
  template: { key: string; name: string; version: number } | null;
};

export type VersionSummary = {
  version: string;
  changeNote: string;
  breaking: boolean;
  author: string | null;
  createdAt: string;
};

export function productPath(p: { domain: string; name: string }): string {
  return `/products/${p.domain}/${p.name}`;
}
