// Row → DTO mapping: pages and clients get exactly these shapes, never whole database rows.
import type { DataProductSpec, LifecycleState, Classification } from "@/lib/products/types";
import type { ImportNote } from "@/lib/products/contract/project";
import type { OdcsContract } from "@/lib/products/contract/types";

/** A dataset of the current version with its properties at every depth (`path` `customer.address.city`). */
export type ProductDataset = {
  name: string;
  physicalType: string | null;
  description: string;
  properties: {
    path: string;
    depth: number;
    name: string;
    logicalType: string | null;
    physicalType: string | null;
    required: boolean;
    primaryKey: boolean;
    unique: boolean;
    classification: string | null;
    pii: boolean;
  }[];
};

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
  /** The declared ODCS contract; null when the product was declared in the seed format. */
  contract: OdcsContract | null;
  datasets: ProductDataset[];
  /** What the latest version's import adapted or defaulted; null when it was not imported. */
  importNotes: ImportNote[] | null;
};

/** What `GET /api/v1/products/{domain}/{name}` answers (lib/api/dto.ts productDto): the catalog entry only. */
export type ProductEntry = Omit<ProductSummary, "id"> & {
  domainName: string;
  createdAt: string;
  publishedAt: string | null;
  spec: Pick<DataProductSpec, "schema" | "slo">;
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
