// The contracts-and-datasets migration (20261203040000) on a mesh of products in the shape that came before it:
// a scratch database gets every earlier migration's SQL in order (node-postgres, one transaction per file, as
// the schema engine applies them), products written by bench/mesh.ts without datasets (spec.schema, field rows,
// no contract columns yet), then the migration itself, timed, and checks that no field was lost.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { generateMesh } from "./mesh";
import { toOdcs } from "@/lib/products/odcs";
import { contractRows } from "@/lib/products/contract/rows";
import type { OdcsContract } from "@/lib/products/contract/types";
import type { DataProductSpec } from "@/lib/products/types";

export const CONTRACTS_MIGRATION = "20261203040000_contracts_and_datasets";
const MIGRATIONS = path.join(import.meta.dirname, "..", "prisma", "migrations");
const SAMPLE = 100;

export type MigrationResult = {
  products: number;
  oldFields: number;
  timings: { earlierMigrations_ms: number; generate_ms: number; migration_ms: number; checks_ms: number };
  datasets: number;
  properties: number;
  productsWithoutDataset: number;
  productsWithFieldCountMismatch: number;
  sampled: number;
  /** "<product id>: <what differs>" for sampled products whose rows are not what the app derives from the spec. */
  sampleMismatches: string[];
};

function scratchUrl(admin: string, name: string) {
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return u.toString();
}

/** `admin`: a server where a database may be created (it is dropped again, also on failure). */
export async function measureContractsMigration(admin: string, products: number): Promise<MigrationResult> {
  const name = `meshport_bench_migration_${Date.now().toString(36)}`;
  const root = new pg.Client({ connectionString: admin });
  await root.connect();
  await root.query(`CREATE DATABASE ${name}`);
  const url = scratchUrl(admin, name);
  const c = new pg.Client({ connectionString: url });
  try {
    await c.connect();
    // Migrations apply in the order of their folder names (as Prisma sorts them); everything before ours.
    const earlier = readdirSync(MIGRATIONS, { withFileTypes: true })
      .filter((d) => d.isDirectory() && d.name < CONTRACTS_MIGRATION)
      .map((d) => d.name)
      .sort();
    let s = performance.now();
    for (const m of earlier) {
      await c.query("BEGIN");
      await c.query(readFileSync(path.join(MIGRATIONS, m, "migration.sql"), "utf8"));
      await c.query("COMMIT");
    }
    const earlierMigrations_ms = performance.now() - s;

    s = performance.now();
    await generateMesh(url, { domains: Math.max(10, Math.round(products / 100)), products, auditEvents: 0 });
    const generate_ms = performance.now() - s;
    const before = await c.query<{ products: number; fields: number }>(
      `SELECT count(*)::int AS products, coalesce(sum(jsonb_array_length(spec->'schema')), 0)::int AS fields FROM data_products WHERE jsonb_typeof(spec->'schema') = 'array'`,
    );

    s = performance.now();
    await c.query("BEGIN");
    await c.query(readFileSync(path.join(MIGRATIONS, CONTRACTS_MIGRATION, "migration.sql"), "utf8"));
    await c.query("COMMIT");
    const migration_ms = performance.now() - s;

    s = performance.now();
    const after = await c.query<{ datasets: number; properties: number; without: number; mismatch: number }>(`
      SELECT (SELECT count(*)::int FROM data_product_datasets) AS datasets,
             (SELECT count(*)::int FROM data_product_properties) AS properties,
             (SELECT count(*)::int FROM data_products p WHERE NOT EXISTS (SELECT 1 FROM data_product_datasets d WHERE d.product_id = p.id)) AS without,
             (SELECT count(*)::int FROM data_products p
               WHERE jsonb_array_length(coalesce(p.spec->'schema', '[]'::jsonb)) <> (SELECT count(*) FROM data_product_properties pr WHERE pr.product_id = p.id)
                  OR jsonb_array_length(coalesce(p.spec->'schema', '[]'::jsonb)) <> coalesce((SELECT sum(property_count) FROM data_product_datasets d WHERE d.product_id = p.id), -1)) AS mismatch`);
    // A sample compared field by field with what the app itself writes for the same spec (lib/products/persist-spec.ts
    // fieldRows: contractRows(toOdcs(spec))), and with the old spec field it came from.
    const sample = await c.query<{ id: string; spec: DataProductSpec }>(
      `SELECT id, spec FROM data_products ORDER BY md5(id::text) LIMIT ${SAMPLE}`,
    );
    const mismatches: string[] = [];
    for (const p of sample.rows) {
      const expected = contractRows(toOdcs(p.spec) as OdcsContract);
      const ds = await c.query(
        `SELECT position, name, physical_name AS "physicalName", physical_type AS "physicalType", description, property_count AS "propertyCount"
         FROM data_product_datasets WHERE product_id = $1 ORDER BY position`,
        [p.id],
      );
      const pr = await c.query(
        `SELECT dataset_position AS "datasetPosition", position, path, depth, name, logical_type AS "logicalType", physical_type AS "physicalType",
                required, "unique", primary_key AS "primaryKey", classification, pii, critical_data_element AS "criticalDataElement", description
         FROM data_product_properties WHERE product_id = $1 ORDER BY dataset_position, position`,
        [p.id],
      );
      if (JSON.stringify(ds.rows) !== JSON.stringify(expected.datasets)) mismatches.push(`${p.id}: datasets differ from the app's rows`);
      if (JSON.stringify(pr.rows) !== JSON.stringify(expected.properties))
        mismatches.push(`${p.id}: properties differ from the app's rows`);
      p.spec.schema.forEach((f, i) => {
        const r = pr.rows[i] as { name: string; required: boolean; pii: boolean; description: string; position: number } | undefined;
        if (!r || r.name !== f.name || r.position !== i || r.required !== f.required || r.pii !== f.pii || r.description !== f.description)
          mismatches.push(`${p.id}: field ${i} (${f.name}) not carried over`);
      });
    }
    const checks_ms = performance.now() - s;
    return {
      products: before.rows[0].products,
      oldFields: before.rows[0].fields,
      timings: { earlierMigrations_ms, generate_ms, migration_ms, checks_ms },
      datasets: after.rows[0].datasets,
      properties: after.rows[0].properties,
      productsWithoutDataset: after.rows[0].without,
      productsWithFieldCountMismatch: after.rows[0].mismatch,
      sampled: sample.rows.length,
      sampleMismatches: mismatches,
    };
  } finally {
    await c.end().catch(() => {});
    await root.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
    await root.end();
  }
}
