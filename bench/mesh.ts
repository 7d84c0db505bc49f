// Generates a mesh at scale straight in SQL (generate_series): domains, data products with ~20 fields each,
// their field rows and version rows, and audit events. Going through the services would take hours at this
// size; the rows have the same shape the services write (the search trigger fills search_vector).
import pg from "pg";

const NOUNS = [
  "customer",
  "order",
  "invoice",
  "payment",
  "shipment",
  "inventory",
  "campaign",
  "lead",
  "ticket",
  "ledger",
  "account",
  "product",
  "supplier",
  "contract",
  "session",
  "claim",
  "forecast",
  "budget",
  "employee",
  "asset",
];
const QUALIFIERS = [
  "daily",
  "events",
  "snapshot",
  "history",
  "scores",
  "summary",
  "features",
  "metrics",
  "facts",
  "dimension",
  "stream",
  "audit",
];
const FIELDS = [
  "id",
  "customer_id",
  "order_id",
  "amount",
  "currency",
  "created_at",
  "updated_at",
  "status",
  "region",
  "country",
  "email",
  "channel",
  "quantity",
  "price",
  "discount",
  "score",
  "segment",
  "owner_email",
  "category",
  "source",
];
const TYPES = [
  "string",
  "string",
  "string",
  "number",
  "string",
  "timestamp",
  "timestamp",
  "string",
  "string",
  "string",
  "string",
  "string",
  "integer",
  "number",
  "number",
  "number",
  "string",
  "string",
  "string",
  "string",
];

export type MeshSize = { domains: number; products: number; auditEvents: number };

const lit = (a: string[]) => `ARRAY[${a.map((s) => `'${s}'`).join(",")}]`;

export async function generateMesh(url: string, size: MeshSize): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const t = (label: string, started: number, out: Record<string, number>) => (out[label] = Math.round(performance.now() - started));
  const timings: Record<string, number> = {};
  try {
    let s = performance.now();
    await client.query(
      `
      INSERT INTO domains (id, slug, name, owner_team, status, updated_at)
      SELECT gen_random_uuid(), 'mesh-' || i, 'Mesh domain ' || i, 'team-' || i || '@bench.local', 'onboarded', now()
      FROM generate_series(1, $1) i`,
      [size.domains],
    );
    t("domains_ms", s, timings);

    s = performance.now();
    // The spec JSON carries all 20 fields so product pages and validation see realistic documents.
    await client.query(
      `
      WITH d AS (SELECT id, slug, row_number() OVER (ORDER BY slug) AS n FROM domains WHERE slug LIKE 'mesh-%'),
      f AS (
        SELECT jsonb_agg(jsonb_build_object('name', n, 'type', t, 'description', 'The ' || replace(n, '_', ' '), 'required', n = 'id', 'pii', n LIKE '%email%') ORDER BY o) AS schema,
               string_agg(n, ' ' ORDER BY o) AS names
        FROM unnest(${lit(FIELDS)}::text[], ${lit(TYPES)}::text[]) WITH ORDINALITY AS x(n, t, o)
      ),
      p AS (
        SELECT i,
               (${lit(NOUNS)}::text[])[1 + (i * 7) % ${NOUNS.length}] || '-' || (${lit(QUALIFIERS)}::text[])[1 + (i * 13) % ${QUALIFIERS.length}] || '-' || i AS name,
               1 + (i % $2) AS dn,
               (ARRAY['public','internal','internal','confidential','restricted'])[1 + i % 5] AS cls,
               (ARRAY['draft','in_review','published','published','published','deprecated'])[1 + i % 6] AS lc
        FROM generate_series(1, $1) i
      )
      INSERT INTO data_products (id, domain_id, name, owner, description, classification, lifecycle, current_version, tags, spec, field_names, updated_at, published_at)
      SELECT gen_random_uuid(), d.id, p.name, d.slug || '@bench.local',
             'Generated ' || replace(p.name, '-', ' ') || ' data product for benchmark domain ' || d.slug,
             p.cls::"Classification", p.lc::"Lifecycle", '1.0.0', ARRAY[split_part(p.name, '-', 1), split_part(p.name, '-', 2)],
             jsonb_build_object('name', p.name, 'domain', d.slug, 'owner', d.slug || '@bench.local', 'version', '1.0.0',
               'description', 'Generated ' || replace(p.name, '-', ' ') || ' data product', 'classification', p.cls,
               'schema', f.schema, 'slo', jsonb_build_object('availability', 99.5, 'latencyMs', 200, 'freshnessMinutes', 60),
               'access', jsonb_build_array(jsonb_build_object('role', 'data_producer', 'permissions', jsonb_build_array('read', 'write'))),
               'lineage', jsonb_build_object('sources', jsonb_build_array('erp'), 'transformations', jsonb_build_array('cleaning')),
               'tags', jsonb_build_array(split_part(p.name, '-', 1), split_part(p.name, '-', 2)),
               'governance', jsonb_build_object('encryption', true, 'retention', '1_year', 'purpose', 'Benchmark', 'erasure', true)),
             f.names, now() - (p.i || ' minutes')::interval, CASE WHEN p.lc IN ('published','deprecated') THEN now() END
      FROM p JOIN d ON d.n = p.dn CROSS JOIN f`,
      [size.products, size.domains],
    );
    // What product saves write beside the spec (lib/governance/compliance/rule-inputs.ts), via the migration's SQL twin.
    await client.query("UPDATE data_products SET rule_inputs = product_rule_inputs(spec) WHERE rule_inputs IS NULL");
    t("products_ms", s, timings);

    s = performance.now();
    await client.query(`
      INSERT INTO data_product_fields (id, product_id, position, name, type, description, required, pii)
      SELECT gen_random_uuid(), p.id, x.o - 1, x.n, x.t, 'The ' || replace(x.n, '_', ' '), x.n = 'id', x.n LIKE '%email%'
      FROM data_products p JOIN domains d ON d.id = p.domain_id AND d.slug LIKE 'mesh-%'
      CROSS JOIN unnest(${lit(FIELDS)}::text[], ${lit(TYPES)}::text[]) WITH ORDINALITY AS x(n, t, o)`);
    await client.query(`
      INSERT INTO data_product_versions (id, product_id, version, spec, change_note)
      SELECT gen_random_uuid(), p.id, p.current_version, p.spec, 'Generated'
      FROM data_products p JOIN domains d ON d.id = p.domain_id AND d.slug LIKE 'mesh-%'`);
    t("fields_and_versions_ms", s, timings);

    s = performance.now();
    await client.query(
      `
      INSERT INTO audit_events (at, subject, action, resource, decision, reason, policy_id, policy_version, request_id, context)
      SELECT now() - (i || ' seconds')::interval, 'user' || (i % 500) || '@bench.local', (ARRAY['read','write','publish','manage'])[1 + i % 4],
             'data_product:mesh-' || (1 + i % $2) || '/product-' || (i % 100000),
             (CASE WHEN i % 9 = 0 THEN 'deny' ELSE 'allow' END)::"Decision",
             CASE WHEN i % 9 = 0 THEN 'Role may not read confidential data' ELSE 'All policies satisfied' END,
             'global-data-governance', 1, md5(i::text), '{}'::jsonb
      FROM generate_series(1, $1) i`,
      [size.auditEvents, size.domains],
    );
    t("audit_events_ms", s, timings);

    s = performance.now();
    await client.query("VACUUM ANALYZE"); // what autovacuum would have done on a live database
    t("analyze_ms", s, timings);
    return timings;
  } finally {
    await client.end();
  }
}
