// Storage efficiency read from PostgreSQL itself: the on-disk size of each provisioned product table
// (table + indexes + TOAST) and its row estimate from the planner statistics, never a COUNT(*).
import "server-only";
import { db } from "@/lib/db";
import { bytesPerRow } from "@/lib/metrics/formulas";

export type StorageRow = {
  productId: string;
  product: string;
  domain: string;
  environment: string | null;
  table: string | null;
  bytes: number | null;
  rows: number | null;
  /** where the row figure comes from: planner statistics, or the loads recorded before the first ANALYZE */
  rowsSource: "statistics" | "loads" | null;
  bytesPerRow: number | null;
  provisioned: boolean;
};

export type StorageSummary = {
  rows: StorageRow[];
  totalBytes: number;
  totalRows: number;
  provisioned: number;
  products: number;
  bytesPerRow: number | null;
  bytesPerProduct: number | null;
};

/**
 * Published products in scope (the same set the "Published data products" tile counts) with their
 * production table (else staging). A product without an active deployment is listed as not provisioned.
 */
export async function storageEfficiency(scope: { domainId?: string }): Promise<StorageSummary> {
  const domain = scope.domainId ?? null;
  const raw = await db.$queryRaw<
    Array<{
      productId: string;
      product: string;
      domain: string;
      environment: string | null;
      schema: string | null;
      table: string | null;
      bytes: bigint | null;
      reltuples: number | null;
      loaded: bigint | null;
    }>
  >`
    SELECT p.id::text AS "productId", p.name AS product, dom.slug AS domain, d.environment::text AS environment,
           d.schema_name AS schema, d.table_name AS table,
           CASE WHEN c.oid IS NULL THEN NULL ELSE pg_total_relation_size(c.oid) END AS bytes,
           c.reltuples::float8 AS reltuples,
           (SELECT sum(l.rows_loaded) FROM ingestion_loads l WHERE l.deployment_id = d.id)::bigint AS loaded
    FROM data_products p
    JOIN domains dom ON dom.id = p.domain_id
    LEFT JOIN LATERAL (
      SELECT * FROM deployments x
      WHERE x.product_id = p.id AND x.status = 'active' AND x.schema_name IS NOT NULL AND x.table_name IS NOT NULL
      ORDER BY (x.environment = 'production') DESC LIMIT 1
    ) d ON true
    LEFT JOIN pg_namespace n ON n.nspname = d.schema_name
    LEFT JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = d.table_name AND c.relkind IN ('r', 'p')
    WHERE p.lifecycle = 'published' AND (${domain}::uuid IS NULL OR p.domain_id = ${domain}::uuid)
    ORDER BY dom.slug, p.name`;
  const rows: StorageRow[] = raw.map((r) => {
    const provisioned = r.bytes !== null;
    // reltuples is -1 until the table is first analysed; the recorded loads are the best figure until then.
    const stats = r.reltuples !== null && r.reltuples >= 0 ? Math.round(r.reltuples) : null;
    const rowsN = stats ?? (r.loaded !== null ? Number(r.loaded) : null);
    const bytes = r.bytes === null ? null : Number(r.bytes);
    return {
      productId: r.productId,
      product: r.product,
      domain: r.domain,
      environment: r.environment,
      table: r.schema && r.table ? `${r.schema}.${r.table}` : null,
      bytes,
      rows: provisioned ? rowsN : null,
      rowsSource: !provisioned ? null : stats !== null ? "statistics" : rowsN !== null ? "loads" : null,
      bytesPerRow: bytes !== null && rowsN !== null ? bytesPerRow(bytes, rowsN) : null,
      provisioned,
    };
  });
  const prov = rows.filter((r) => r.provisioned);
  const totalBytes = prov.reduce((a, r) => a + (r.bytes ?? 0), 0);
  const totalRows = prov.reduce((a, r) => a + (r.rows ?? 0), 0);
  return {
    rows,
    totalBytes,
    totalRows,
    provisioned: prov.length,
    products: rows.length,
    bytesPerRow: bytesPerRow(totalBytes, totalRows),
    bytesPerProduct: prov.length ? totalBytes / prov.length : null,
  };
}
