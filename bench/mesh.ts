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

// Dataset and property words (catalog search must find products by a property of any dataset, nested too).
const DATASETS = [
  "orders",
  "order_lines",
  "customers",
  "payments",
  "shipments",
  "invoices",
  "events",
  "accounts",
  "tickets",
  "sessions",
  "stock_levels",
  "refunds",
];
// At least 15 flat names: a dataset's 4–15 flat properties are consecutive names from a rotation, so never repeat.
const PROPERTIES = [
  "id",
  "customer_id",
  "order_id",
  "amount",
  "currency",
  "created_at",
  "status",
  "email",
  "phone_number",
  "loyalty_tier",
  "sku",
  "quantity",
  "unit_price",
  "discount_code",
  "tracking_number",
  "carrier",
  "warehouse_code",
  "delivery_date",
  "vat_number",
  "iban",
  "churn_probability",
  "lifetime_value",
  "consent_given",
  "birth_date",
];
const PROPERTY_TYPES = PROPERTIES.map((n) =>
  /_at$|_date$/.test(n)
    ? "date"
    : /amount|price|probability|value|quantity/.test(n)
      ? "number"
      : n === "consent_given"
        ? "boolean"
        : "string",
);
// A nested block (depth 0 object, its leaf at depth 1, a sub-object at depth 1 and its leaf at depth 2).
const OBJECTS = ["shipping_address", "billing_address", "device", "location", "customer"];
const LEAVES = ["city", "postal_code", "country_code", "street", "platform"];

export type MeshSize = {
  domains: number;
  products: number;
  auditEvents: number;
  /** Each product gets 1–4 datasets of 4–15 properties (some nested, depth 2) as a declared contract would. */
  datasets?: boolean;
};

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

    if (size.datasets) {
      s = performance.now();
      await generateDatasets(client);
      t("datasets_ms", s, timings);
    }

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

/**
 * Dataset and property rows as lib/products/contract/rows.ts writes them for a declared contract: datasets at
 * positions 0…n-1 with their property_count; properties numbered per dataset in walk order (a parent before its
 * children), `path` dotted, `depth` from 0; and field_names the dataset and property names (searchableNames),
 * which the search trigger turns into search_vector. The `contract` JSON itself is not generated: search and
 * the product page's dataset list read these rows, not the JSON.
 */
async function generateDatasets(client: pg.Client) {
  const np = PROPERTIES.length;
  await client.query(`
    CREATE TEMP TABLE bench_ds AS
    SELECT p.id AS product_id, ds, n,
           4 + ((n * 7 + ds * 5) % 12) AS props,
           (4 + ((n * 7 + ds * 5) % 12)) >= 6 AND (n + ds) % 2 = 0 AS nested
    FROM (SELECT p.id, row_number() OVER (ORDER BY p.id) AS n FROM data_products p
          JOIN domains d ON d.id = p.domain_id AND d.slug LIKE 'mesh-%') p
    CROSS JOIN LATERAL generate_series(0, (n % 4)::int) ds`);
  await client.query(`
    INSERT INTO data_product_datasets (id, product_id, position, name, physical_name, physical_type, description, property_count)
    SELECT gen_random_uuid(), product_id, ds, (${lit(DATASETS)}::text[])[1 + (n + ds * 5) % ${DATASETS.length}],
           (${lit(DATASETS)}::text[])[1 + (n + ds * 5) % ${DATASETS.length}] || '_v1', 'table', 'Generated dataset', props
    FROM bench_ds`);
  await client.query(`
    WITH k AS (
      SELECT b.product_id, b.ds, b.n, k.k, b.props, b.nested,
             CASE WHEN b.nested AND k.k >= b.props - 4 THEN k.k - (b.props - 4) END AS j,
             (${lit(OBJECTS)}::text[])[1 + (b.n + b.ds) % ${OBJECTS.length}] AS obj,
             (${lit(LEAVES)}::text[])[1 + (b.n * 3 + b.ds) % ${LEAVES.length}] AS leaf,
             1 + ((b.n * 3 + b.ds * 11 + k.k) % ${np}) AS fi
      FROM bench_ds b CROSS JOIN LATERAL generate_series(0, b.props - 1) k(k)
    )
    INSERT INTO data_product_properties (id, product_id, dataset_position, position, path, depth, name, logical_type, physical_type,
                                         required, "unique", primary_key, classification, pii, critical_data_element, description)
    SELECT gen_random_uuid(), product_id, ds, k,
           CASE j WHEN 0 THEN obj WHEN 1 THEN obj || '.' || leaf WHEN 2 THEN obj || '.geo' WHEN 3 THEN obj || '.geo.latitude'
                  ELSE (${lit(PROPERTIES)}::text[])[fi] END,
           CASE j WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 1 WHEN 3 THEN 2 ELSE 0 END,
           CASE j WHEN 0 THEN obj WHEN 1 THEN leaf WHEN 2 THEN 'geo' WHEN 3 THEN 'latitude' ELSE (${lit(PROPERTIES)}::text[])[fi] END,
           CASE WHEN j IN (0, 2) THEN 'object' WHEN j = 3 THEN 'number' WHEN j = 1 THEN 'string' ELSE (${lit(PROPERTY_TYPES)}::text[])[fi] END,
           CASE WHEN j IN (0, 2) THEN 'jsonb' WHEN j = 3 THEN 'double precision' WHEN j = 1 THEN 'text'
                ELSE (ARRAY['text','date','double precision','boolean'])[array_position(ARRAY['string','date','number','boolean'], (${lit(PROPERTY_TYPES)}::text[])[fi])] END,
           j IS NULL AND (${lit(PROPERTIES)}::text[])[fi] = 'id', j IS NULL AND (${lit(PROPERTIES)}::text[])[fi] = 'id',
           j IS NULL AND (${lit(PROPERTIES)}::text[])[fi] = 'id',
           CASE WHEN j IS NULL AND (${lit(PROPERTIES)}::text[])[fi] IN ('email','phone_number','iban','birth_date') THEN 'restricted' END,
           j IS NULL AND (${lit(PROPERTIES)}::text[])[fi] IN ('email','phone_number','iban','birth_date'),
           j IS NULL AND (${lit(PROPERTIES)}::text[])[fi] IN ('id','amount'),
           'Generated property'
    FROM k`);
  // searchableNames: dataset names, then property names at every depth, each word once.
  await client.query(`
    UPDATE data_products p SET field_names = w.names
    FROM (SELECT product_id, string_agg(DISTINCT name, ' ') AS names FROM (
            SELECT product_id, name FROM data_product_datasets UNION ALL SELECT product_id, name FROM data_product_properties) x
          WHERE product_id IN (SELECT product_id FROM bench_ds) GROUP BY product_id) w
    WHERE w.product_id = p.id`);
  await client.query("DROP TABLE bench_ds");
}
