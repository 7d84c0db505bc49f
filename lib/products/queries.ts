// Read side of the product registry: one product, its versions, its lifecycle history.
import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { isoTimestamp } from "@/lib/sql";
import type { ComplianceStatus } from "@/lib/governance";
import type { DataProductSpec, LifecycleState, Classification } from "@/lib/products/types";
import type { ProductDataset, ProductDetail, ProductEntry, VersionSummary } from "@/lib/products/dto";
import type { ImportNote } from "@/lib/products/contract/project";
import type { OdcsContract } from "@/lib/products/contract/types";
import { exportContractYaml, exportOdpsYaml } from "@/lib/products/contract/export";
import { toProductYaml } from "@/lib/products/yaml";

/** A DATE column as YYYY-MM-DD (Prisma returns it as midnight UTC). */
function isoDate(d: Date | null): string | null {
  return d ? d.toISOString().slice(0, 10) : null;
}

/** The latest validation's figures, as the compliance card on the product page shows them. */
export type ComplianceSummary = {
  status: ComplianceStatus;
  errors: number;
  warnings: number;
  acknowledgedAt: string | null;
  createdAt: string;
};

export type ProductPageDetail = ProductDetail & { compliance: ComplianceSummary | null };

type ProductRow = {
  id: string;
  domain: string;
  domain_name: string;
  name: string;
  description: string;
  owner: string;
  classification: string;
  lifecycle: string;
  version: string;
  tags: string[];
  spec: unknown;
  lock_version: number;
  created_at: string;
  updated_at: string;
  published_at: string | null;
  sunset_on: string | null;
  template: { key: string; name: string; version: number } | null;
  compliance: ComplianceSummary | null;
  contract: unknown;
  datasets: ProductDataset[];
  import_notes: ImportNote[] | null;
};

/**
 * One product with its domain, template and latest validation, in one statement: the product page and
 * every page under it read it once per request (load-product.ts), so it is the cheapest it can be.
 */
export async function getProductPage(domain: string, name: string): Promise<ProductPageDetail | null> {
  const rows = await db.$queryRaw<ProductRow[]>`
    SELECT p.id, d.slug AS domain, d.name AS domain_name, p.name, p.description, p.owner,
           p.classification::text AS classification, p.lifecycle::text AS lifecycle, p.current_version AS version,
           p.tags, p.spec, p.lock_version, ${isoTimestamp(Prisma.sql`p.created_at`)} AS created_at,
           ${isoTimestamp(Prisma.sql`p.updated_at`)} AS updated_at, ${isoTimestamp(Prisma.sql`p.published_at`)} AS published_at,
           to_char(p.sunset_on, 'YYYY-MM-DD') AS sunset_on,
           CASE WHEN t.id IS NULL THEN NULL
                ELSE json_build_object('key', t.key, 'name', t.name, 'version', coalesce(p.template_version, 1)) END AS template,
           (SELECT json_build_object('status', v.status, 'errors', v.errors, 'warnings', v.warnings,
                                     'acknowledgedAt', ${isoTimestamp(Prisma.sql`v.acknowledged_at`)}, 'createdAt', ${isoTimestamp(Prisma.sql`v.created_at`)})
              FROM product_validations v WHERE v.product_id = p.id
             ORDER BY v.created_at DESC, v.id DESC LIMIT 1) AS compliance,
           p.contract,
           (SELECT coalesce(json_agg(json_build_object(
                     'name', ds.name, 'physicalType', ds.physical_type, 'description', ds.description,
                     'properties', (SELECT coalesce(json_agg(json_build_object(
                                      'path', pr.path, 'depth', pr.depth, 'name', pr.name, 'logicalType', pr.logical_type,
                                      'physicalType', pr.physical_type, 'required', pr.required, 'primaryKey', pr.primary_key,
                                      'unique', pr.unique, 'classification', pr.classification, 'pii', pr.pii)
                                    ORDER BY pr.position), '[]'::json)
                                    FROM data_product_properties pr
                                   WHERE pr.product_id = p.id AND pr.dataset_position = ds.position))
                   ORDER BY ds.position), '[]'::json)
              FROM data_product_datasets ds WHERE ds.product_id = p.id) AS datasets,
           (SELECT dv.import_notes FROM data_product_versions dv WHERE dv.product_id = p.id
             ORDER BY dv.created_at DESC, dv.id DESC LIMIT 1) AS import_notes
    FROM data_products p
    JOIN domains d ON d.id = p.domain_id
    LEFT JOIN templates t ON t.id = p.template_id
    WHERE d.slug = ${domain} AND p.name = ${name}
    LIMIT 1`;
  const p = rows[0];
  if (!p) return null;
  return {
    id: p.id,
    domain: p.domain,
    domainName: p.domain_name,
    name: p.name,
    description: p.description,
    owner: p.owner,
    classification: p.classification as Classification,
    lifecycle: p.lifecycle as LifecycleState,
    version: p.version,
    tags: p.tags,
    spec: p.spec as DataProductSpec,
    lockVersion: p.lock_version,
    createdAt: p.created_at,
    updatedAt: p.updated_at,
    publishedAt: p.published_at,
    sunsetOn: p.sunset_on,
    template: p.template,
    compliance: p.compliance,
    contract: (p.contract as OdcsContract | null) ?? null,
    datasets: p.datasets,
    importNotes: p.import_notes,
  };
}

/** One product by its address (domain slug and name), or null: getProductPage without the compliance figures. */
export async function getProduct(domain: string, name: string): Promise<ProductDetail | null> {
  const p = await getProductPage(domain, name);
  if (!p) return null;
  const { compliance: _compliance, ...detail } = p;
  return detail;
}

/**
 * One product's catalog entry by its address, or null: one indexed statement that reads only what the API's
 * get-one answers (no contract, datasets or validation, which getProductPage also builds), so a program's
 * lookup costs a round trip and a small row.
 */
export async function getProductEntry(domain: string, name: string): Promise<ProductEntry | null> {
  const rows = await db.$queryRaw<(Omit<ProductEntry, "spec"> & { spec: ProductEntry["spec"] })[]>`
    SELECT d.slug AS domain, d.name AS "domainName", p.name, p.description, p.owner,
           p.classification::text AS classification, p.lifecycle::text AS lifecycle, p.current_version AS version, p.tags,
           ${isoTimestamp(Prisma.sql`p.created_at`)} AS "createdAt", ${isoTimestamp(Prisma.sql`p.updated_at`)} AS "updatedAt",
           ${isoTimestamp(Prisma.sql`p.published_at`)} AS "publishedAt", to_char(p.sunset_on, 'YYYY-MM-DD') AS "sunsetOn",
           jsonb_build_object('schema', p.spec->'schema', 'slo', p.spec->'slo') AS spec
    FROM data_products p
    JOIN domains d ON d.id = p.domain_id
    WHERE d.slug = ${domain} AND p.name = ${name}
    LIMIT 1`;
  return rows[0] ?? null;
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

/** A version's spec and its declared contract (null: seed format), for export. */
export async function getVersionExport(
  productId: string,
  version: string,
): Promise<{ spec: DataProductSpec; contract: OdcsContract | null } | null> {
  const row = await db.dataProductVersion.findUnique({
    where: { productId_version: { productId, version } },
    select: { spec: true, contract: true },
  });
  return row ? { spec: row.spec as unknown as DataProductSpec, contract: (row.contract as OdcsContract | null) ?? null } : null;
}

export const EXPORT_FORMATS = ["yaml", "odcs", "odps"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * A product's document, current or a stored version, as the product page's export and REST API v1 give it: the
 * seed's DataProduct YAML, its ODCS v3.1 contract (as declared, or derived from the spec for seed-format products)
 * or an ODPS v1.0.0 product document referencing that contract. `missing` says what does not exist.
 */
export async function productDocument(
  domain: string,
  name: string,
  format: ExportFormat,
  version: string | null,
): Promise<{ body: string; filename: string } | { missing: "product" | "version" }> {
  const product = await getProduct(domain, name);
  if (!product) return { missing: "product" };
  const found = version ? await getVersionExport(product.id, version) : { spec: product.spec, contract: product.contract };
  if (!found) return { missing: "version" };
  const source = { ...found, lifecycle: product.lifecycle, domain };
  const body = format === "odcs" ? exportContractYaml(source) : format === "odps" ? exportOdpsYaml(source) : toProductYaml(found.spec);
  return { body, filename: `${domain}-${name}-${found.spec.version}${format === "yaml" ? "" : `.${format}`}.yaml` };
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
