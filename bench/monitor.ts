// Compliance monitor speed: (1) every library quality rule of one product over 1,000,000 rows — measured the
// way the hourly rule does (one aggregate scan in PostgreSQL, with the portal's three metrics) — side by side
// with one hand-written aggregate computing the same figures over the same table (target ≤ 2×); (2) the daily
// retention scan over 100 provisioned products (counting expired rows; then the purge).
import type { Row, Section } from "./sections";
import { ms, summarize } from "./stats";

const RULE_FIELDS = [
  { name: "id", type: "string" as const, description: "Id", required: true, pii: false },
  { name: "amount", type: "number" as const, description: "Amount", required: false, pii: false },
  { name: "status", type: "string" as const, description: "Status", required: false, pii: false },
  { name: "email", type: "string" as const, description: "E-mail", required: false, pii: true },
];

async function setup(url: string) {
  process.env.DATABASE_URL = url;
  const fixtures = await import("@/tests/provisioning-fixtures");
  await fixtures.ensurePlatformReferenceData();
  const { db } = await import("@/lib/db");
  return { fixtures, db };
}

export async function benchQualityRules(url: string, rows: number) {
  const { fixtures, db } = await setup(url);
  const { qualified } = await import("@/lib/provisioning/naming");
  const { provisionedTables } = await import("@/lib/governance/compliance/monitor/provisioned.db");
  const { measureQuality } = await import("@/lib/governance/compliance/monitor/quality.db");
  const f = await fixtures.ownedProduct({
    schema: RULE_FIELDS,
    classification: "confidential",
    governance: { encryption: true, retention: "1_year", purpose: "billing", erasure: true },
  });
  const { deployment } = await fixtures.provisioned(f);
  const table = qualified(deployment.schemaName!, deployment.tableName!);
  await db.$executeRawUnsafe(
    `INSERT INTO ${table} (id, amount, status, email)
     SELECT 'id-' || g, CASE WHEN g % 50 = 0 THEN NULL ELSE g * 1.5 END,
            (ARRAY['new','done','open','n/a',NULL])[1 + g % 5], 'user' || (g % 200000) || '@example.com'
     FROM generate_series(1, ${rows}) g`,
  );
  await db.$executeRawUnsafe(`ANALYZE ${table}`);
  const contract = {
    apiVersion: "v3.1.0",
    kind: "DataContract",
    id: `bench-${f.spec.name}`,
    version: "1.0.0",
    status: "active",
    schema: [
      {
        name: "rows",
        quality: [{ metric: "rowCount", mustBeGreaterThan: 0 }],
        properties: [
          { name: "id", quality: [{ metric: "duplicateValues", mustBe: 0 }] },
          { name: "amount", quality: [{ metric: "nullValues", unit: "percent", mustBeLessThan: 5 }] },
          {
            name: "status",
            quality: [
              { metric: "invalidValues", arguments: { validValues: ["new", "done", "open"] }, mustBeLessThan: 100000 },
              { metric: "missingValues", arguments: { missingValues: [null, "n/a"] }, unit: "percent", mustBeLessThan: 50 },
            ],
          },
          { name: "email", quality: [{ metric: "invalidValues", arguments: { pattern: "^[^@]+@[^@]+$" }, mustBe: 0 }] },
        ],
      },
    ],
  };
  await db.dataProduct.update({ where: { id: f.productId }, data: { contract } });
  const [t] = await provisionedTables({ productIds: [f.productId] });
  // The same figures, hand-written as one aggregate (what a person would type in psql).
  const hand = `SELECT count(*), count(*) - count(DISTINCT id), 100.0 * count(*) FILTER (WHERE amount IS NULL) / count(*),
      count(*) FILTER (WHERE status IS NOT NULL AND status NOT IN ('new','done','open')),
      100.0 * count(*) FILTER (WHERE status IS NULL OR status = 'n/a') / count(*),
      count(*) FILTER (WHERE email IS NOT NULL AND email !~ '^[^@]+@[^@]+$'),
      count(id), count(amount), count(status), count(email),
      count(*) FILTER (WHERE btrim(id) = ''), count(*) FILTER (WHERE btrim(status) = ''), count(*) FILTER (WHERE btrim(email) = ''),
      count(*) FILTER (WHERE amount IN ('NaN'::float8, 'Infinity'::float8, '-Infinity'::float8))
    FROM ${table}`;
  const rounds = 5;
  const monitor: number[] = [];
  const direct: number[] = [];
  let checks = 0;
  // Warm both once, then alternate so the cache favours neither.
  await measureQuality(t);
  await db.$queryRawUnsafe(hand);
  for (let i = 0; i < rounds; i++) {
    let s = performance.now();
    checks = (await measureQuality(t)).checks.length;
    monitor.push(performance.now() - s);
    s = performance.now();
    await db.$queryRawUnsafe(hand);
    direct.push(performance.now() - s);
  }
  const m = summarize(monitor);
  const d = summarize(direct);
  return { rows, checks, monitor: m, direct: d, ratio: m.p50 / d.p50 };
}

export async function benchRetentionScan(url: string, products: number, rowsEach: number) {
  const { fixtures, db } = await setup(url);
  const { qualified } = await import("@/lib/provisioning/naming");
  const { runRetention } = await import("@/lib/governance/compliance/monitor/retention.db");
  const ids: string[] = [];
  for (let i = 0; i < products; i++) {
    const f = await fixtures.ownedProduct({ governance: { encryption: true, retention: "90_days" } });
    const { deployment } = await fixtures.provisioned(f);
    await db.$executeRawUnsafe(
      `INSERT INTO ${qualified(deployment.schemaName!, deployment.tableName!)} (id, amount, _loaded_at)
       SELECT 'r' || g, g, now() - (g % 200) * interval '1 day' FROM generate_series(1, ${rowsEach}) g`,
    );
    ids.push(f.productId);
  }
  let s = performance.now();
  const scan = await runRetention({ productIds: ids });
  const scanMs = performance.now() - s;
  const global = await db.policy.findFirstOrThrow({ where: { scope: "global" } });
  const spec = global.spec as { compliance: { requirements: Record<string, boolean> }[] };
  spec.compliance[0].requirements.purge_expired_data = true;
  await db.policy.update({ where: { id: global.id }, data: { spec } });
  s = performance.now();
  const purge = await runRetention({ productIds: ids });
  const purgeMs = performance.now() - s;
  return { products, rowsEach, scanMs, expired: scan.details.reduce((n, d) => n + d.expired, 0), purgeMs, purged: purge.purged };
}

// The sizes the issue names, also under --quick (which only shrinks the generated mesh around them).
export const monitorSection: Section = async (url) => {
  const rows: Row[] = [];
  try {
    const q = await benchQualityRules(url, 1_000_000);
    rows.push({
      area: "compliance monitor",
      metric: `${q.checks} quality rules + 3 metrics over ${q.rows.toLocaleString("en")} rows, p50 (monitor / hand-written aggregate)`,
      value: `${ms(q.monitor.p50)} / ${ms(q.direct.p50)} = ${q.ratio.toFixed(2)}×`,
      target: "≤ 2×",
    });
    const r = await benchRetentionScan(url, 100, 1000);
    rows.push({
      area: "compliance monitor",
      metric: `retention scan of ${r.products} provisioned products × ${r.rowsEach} rows (${r.expired} expired)`,
      value: ms(r.scanMs),
    });
    rows.push({
      area: "compliance monitor",
      metric: `retention purge of the same (${r.purged} rows deleted, audited)`,
      value: ms(r.purgeMs),
    });
  } finally {
    const { dropTestRoles } = await import("@/tests/provisioning-fixtures");
    await dropTestRoles();
  }
  return rows;
};
