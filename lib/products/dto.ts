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
};

export type ProductDetail = ProductSummary & {
  domainName: string;
  spec: DataProductSpec;
  lockVersion: number;
  createdAt: string;
  publishedAt: string | null;
  /** YYYY-MM-DD: when a deprecated product stops being served. */
  sunsetOn: string | null;
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
