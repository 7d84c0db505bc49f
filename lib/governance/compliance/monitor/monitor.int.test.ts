// The compliance monitor against real PostgreSQL and provisioned tables: each quality metric on known data
// with exact figures, the retention purge deleting exactly the expired rows (or a violation without purge),
// privilege drift revoked, violations deduplicated and resolved, and one run per slot with two workers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { stopQueue } from "@/lib/jobs/queue";
import { qualified, quoteIdent } from "@/lib/provisioning/naming";
import type { OdcsContract } from "@/lib/products";
import { ensureGlobalPolicy } from "@/prisma/seed/factories";
import { dropTestRoles, ensurePlatformReferenceData, ownedProduct, provisioned, withClient } from "@/tests/provisioning-fixtures";
import { listQualityRuns } from "@/lib/quality/record-quality-run";
import { runAccessControl } from "./access.db";
import { runQualityMonitor } from "./quality.db";
import { runRetention } from "./retention.db";
import { runMonitorRule } from "./run-rule.db";
import { openViolation } from "./violations.db";

beforeAll(async () => {
  await ensurePlatformReferenceData();
});

afterAll(async () => {
  await ensureGlobalPolicy();
  await dropTestRoles();
  await stopQueue();
});

const sql = (text: string, params: unknown[] = []) => withClient(async (c) => (await c.query(text, params)).rows);

const FIELDS = [
  { name: "id", type: "string" as const, description: "Identifier", required: true, pii: false },
  { name: "amount", type: "number" as const, description: "Amount", required: false, pii: false },
  { name: "status", type: "string" as const, description: "Status", required: false, pii: false },
];

async function provisionedProduct(patch: Parameters<typeof ownedProduct>[0] = {}) {
  const f = await ownedProduct({ schema: FIELDS, ...patch });
  const { deployment } = await provisioned(f);
  return { ...f, deployment, table: qualified(deployment.schemaName!, deployment.tableName!) };
}

describe("data quality rule", () => {
  it("measures every contract rule in the database with exact figures and stores them with the run", async () => {
    const p = await provisionedProduct();
    // 10 rows: amount NULL twice and negative once; status: 6 "new", 1 "done", 1 "Bad!", 1 "n/a", 1 NULL.
    const statuses = ["new", "new", "new", "new", "new", "new", "done", "Bad!", "n/a", null];
    const amounts = [1, 2, 3, null, 5, 6, -7, 8, null, 10];
    for (let i = 0; i < 10; i++)
      await sql(`INSERT INTO ${p.table} (id, amount, status) VALUES ($1, $2, $3)`, [`r${i}`, amounts[i], statuses[i]]);
    const contract: OdcsContract = {
      apiVersion: "v3.1.0",
      kind: "DataContract",
      id: `quality-${p.spec.name}`,
      version: "1.0.0",
      status: "active",
      schema: [
        {
          name: "rows",
          quality: [
            { metric: "rowCount", mustBe: 10 },
            { type: "sql", query: "SELECT count(*) FROM ${table} WHERE amount < 0", mustBe: 0 },
          ],
          properties: [
            { name: "id", logicalType: "string", quality: [{ metric: "duplicateValues", mustBe: 0 }] },
            { name: "amount", logicalType: "number", quality: [{ metric: "nullValues", mustBe: 0 }] },
            {
              name: "status",
              logicalType: "string",
              quality: [
                { metric: "invalidValues", arguments: { validValues: ["new", "done"] }, mustBeLessOrEqualTo: 1 },
                { metric: "invalidValues", arguments: { pattern: "^[a-z/]+$" }, mustBe: 0 },
                { metric: "missingValues", arguments: { missingValues: [null, "n/a"] }, unit: "percent", mustBeLessThan: 50 },
                { metric: "nullValues", unit: "percent", mustBeLessOrEqualTo: 10 },
              ],
            },
          ],
        },
      ],
    };
    await db.dataProduct.update({ where: { id: p.productId }, data: { contract: contract as object } });

    const report = await runQualityMonitor({ productIds: [p.productId] });
    expect(report).toMatchObject({ products: 1, checks: 8, failedChecks: 4, failed: [] });
    const run = await db.qualityRun.findFirstOrThrow({ where: { productId: p.productId }, orderBy: { at: "desc" } });
    const figures = Object.fromEntries(
      (run.checks as { path: string; value: number; passed: boolean }[]).map((c) => [c.path, [c.value, c.passed]]),
    );
    expect(figures).toEqual({
      "schema[0].quality[0]": [10, true],
      "schema[0].quality[1]": [1, false],
      "schema[0].properties[0].quality[0]": [0, true],
      "schema[0].properties[1].quality[0]": [2, false],
      "schema[0].properties[2].quality[0]": [2, false],
      "schema[0].properties[2].quality[1]": [1, false],
      "schema[0].properties[2].quality[2]": [20, true],
      "schema[0].properties[2].quality[3]": [10, true],
    });
    // completeness: 3 fields × 10 rows = 30 cells, 3 NULL → 90%; accuracy: no blank text, no NaN → 100%.
    expect(run.metrics).toEqual({ completeness: 90, accuracy: 100, consistency: 100 });
    expect(run.rowsChecked).toBe(10);
    // The product's quality page lists the run with its contract rules passed.
    const listed = await listQualityRuns(p.productId, { page: 1, pageSize: 5 });
    expect(listed.items[0].rules).toEqual({ passed: 4, total: 8 });
    const open = await db.complianceViolation.findMany({ where: { productId: p.productId, resolvedAt: null }, orderBy: { detail: "asc" } });
    expect(open.map((v) => v.detail)).toEqual([
      "check:schema[0].properties[1].quality[0]",
      "check:schema[0].properties[2].quality[0]",
      "check:schema[0].properties[2].quality[1]",
      "check:schema[0].quality[1]",
      "metric:completeness",
    ]);

    // Fix the data: the next run resolves what cleared, keeps one row per open condition.
    await sql(`UPDATE ${p.table} SET amount = 0 WHERE amount IS NULL OR amount < 0`);
    await runQualityMonitor({ productIds: [p.productId] });
    const after = await db.complianceViolation.findMany({ where: { productId: p.productId }, orderBy: { detail: "asc" } });
    expect(after.filter((v) => v.resolvedAt === null).map((v) => v.detail)).toEqual([
      "check:schema[0].properties[2].quality[0]",
      "check:schema[0].properties[2].quality[1]",
    ]);
    // Completeness is now 29 of 30 cells (96.67%), over the policy's 95%.
    expect(after).toHaveLength(5);
    expect(after.find((v) => v.detail === "metric:completeness")?.resolvedAt).not.toBeNull();
    expect(after.find((v) => v.detail === "check:schema[0].quality[1]")).toMatchObject({ resolution: "cleared" });
  });
});

describe("retention rule", () => {
  it("raises a violation for expired rows without purge, then purges exactly them when the policy says so", async () => {
    const p = await provisionedProduct({ governance: { encryption: true, retention: "90_days" } });
    const now = new Date("2026-12-01T00:00:00Z");
    const day = 86_400_000;
    const ages = [10, 89, 91, 200, 400]; // days: the last three are past 90 days
    for (const [i, age] of ages.entries())
      await sql(`INSERT INTO ${p.table} (id, amount, _loaded_at) VALUES ($1, 1, $2)`, [`k${i}`, new Date(now.getTime() - age * day)]);

    const first = await runRetention({ now, productIds: [p.productId] });
    expect(first).toMatchObject({ purged: 0, violations: 1 });
    expect(first.details[0]).toMatchObject({ expired: 3, deleted: 0, column: "_loaded_at", retention: "90_days" });
    const violation = await db.complianceViolation.findFirstOrThrow({ where: { productId: p.productId, rule: "retention" } });
    expect(violation).toMatchObject({ resolvedAt: null, detail: `expired-rows:${p.deployment.schemaName}.${p.deployment.tableName}` });

    // The policy now purges expired data (compliance is locked to the global policy in the seed).
    const global = await db.policy.findFirstOrThrow({ where: { scope: "global" } });
    const spec = global.spec as { compliance: { regulation: string; requirements: Record<string, boolean> }[] };
    spec.compliance[0].requirements.purge_expired_data = true;
    await db.policy.update({ where: { id: global.id }, data: { spec } });

    const second = await runRetention({ now, productIds: [p.productId] });
    expect(second).toMatchObject({ purged: 3, violations: 0 });
    expect(second.details[0]).toMatchObject({ table: `${p.deployment.schemaName}.${p.deployment.tableName}`, deleted: 3 });
    expect((await sql(`SELECT id FROM ${p.table} ORDER BY id`)).map((r) => r.id)).toEqual(["k0", "k1"]);
    expect(await db.complianceViolation.findUniqueOrThrow({ where: { id: violation.id } })).toMatchObject({ resolution: "cleared" });
    const audited = await db.auditEvent.findFirstOrThrow({
      where: { action: "retention:purge", resource: `data_product:${p.domain}/${p.spec.name}` },
    });
    expect(audited.reason).toMatch(/Purged 3 row\(s\)/);
    await ensureGlobalPolicy();
  });
});

describe("access-control rule", () => {
  it("revokes privileges the policy does not give and records them", async () => {
    const p = await provisionedProduct();
    const roles = (p.deployment.resources as { roles: { accessRole: string; roleName: string }[] }).roles;
    const consumer = roles.find((r) => r.accessRole === "data_consumer")!.roleName;
    await sql(`GRANT DELETE ON TABLE ${p.table} TO ${quoteIdent(consumer)}`);
    await sql(`GRANT SELECT ON TABLE ${p.table} TO PUBLIC`);
    const can = async (role: string, priv: string) =>
      (await sql(`SELECT has_table_privilege($1, $2, $3) AS ok`, [role, p.table, priv]))[0].ok as boolean;
    expect(await can(consumer, "DELETE")).toBe(true);

    const report = await runAccessControl({ productIds: [p.productId] });
    expect(report.revoked.map((r) => `${r.grantee}:${r.privilege}`).sort()).toEqual(["PUBLIC:SELECT", `${consumer}:DELETE`]);
    expect(report.missing).toBe(0);
    expect(await can(consumer, "DELETE")).toBe(false);
    expect(await can(consumer, "SELECT")).toBe(true);
    const handled = await db.complianceViolation.findMany({ where: { productId: p.productId, rule: "access" } });
    expect(handled).toHaveLength(2);
    expect(handled.every((v) => v.resolution === "revoked" && v.resolvedAt !== null)).toBe(true);
    expect(
      await db.auditEvent.count({ where: { action: "access:revoke-privilege", resource: `data_product:${p.domain}/${p.spec.name}` } }),
    ).toBe(2);

    // Nothing left to find: a second run revokes nothing.
    expect((await runAccessControl({ productIds: [p.productId] })).revoked).toEqual([]);
  });
});

describe("access-control rule after a policy change", () => {
  it("takes away the writes a narrowed policy no longer gives", async () => {
    const p = await provisionedProduct();
    const roles = (p.deployment.resources as { roles: { accessRole: string; roleName: string }[] }).roles;
    const producer = roles.find((r) => r.accessRole === "data_producer")!.roleName;
    const can = async (priv: string) =>
      (await sql(`SELECT has_table_privilege($1, $2, $3) AS ok`, [producer, p.table, priv]))[0].ok as boolean;
    expect(await can("INSERT")).toBe(true);
    const global = await db.policy.findFirstOrThrow({ where: { scope: "global" } });
    const spec = global.spec as { access_control: { role: string; permissions: string[] }[] };
    spec.access_control.find((r) => r.role === "data_producer")!.permissions = ["read"];
    await db.policy.update({ where: { id: global.id }, data: { spec } });
    try {
      const report = await runAccessControl({ productIds: [p.productId] });
      expect(report.revoked.map((r) => r.privilege).sort()).toEqual(["INSERT", "UPDATE"]);
      expect(await can("INSERT")).toBe(false);
      expect(await can("SELECT")).toBe(true);
    } finally {
      await ensureGlobalPolicy();
    }
  });
});

describe("one run per slot, one open violation per condition", () => {
  it("two workers on the same tick: one runs, the other skips", async () => {
    const slot = `test:${Date.now()}`;
    const [a, b] = await Promise.all([runMonitorRule("access", { slot }), runMonitorRule("access", { slot })]);
    expect([a.ran, b.ran].sort()).toEqual([false, true]);
    expect(await db.monitorRun.count({ where: { rule: "access", slot } })).toBe(1);
  });

  it("the same violation seen by two workers at once stays one open row", async () => {
    const p = await ownedProduct();
    const product = await db.dataProduct.findUniqueOrThrow({ where: { id: p.productId }, select: { domainId: true } });
    const v = {
      rule: "quality" as const,
      productId: p.productId,
      domainId: product.domainId,
      detail: "check:x",
      severity: "warning" as const,
      message: "m",
    };
    const results = await Promise.all([openViolation(v), openViolation(v), openViolation(v)]);
    expect(results.filter((r) => r.opened)).toHaveLength(1);
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    // Announced once (the AlertingService), to governance and the domain's owners; seen again, not again.
    await openViolation(v);
    const events = await db.notificationEvent.findMany({
      where: { type: "compliance.violation", productId: p.productId },
      select: { id: true, notifications: { select: { userId: true } } },
    });
    expect(events).toHaveLength(1);
    const governance = await db.user.findMany({
      where: { roles: { has: "governance" }, disabled: false, serviceAccountDomainId: null },
      select: { id: true },
    });
    const told = new Set(events[0]!.notifications.map((n) => n.userId));
    for (const g of governance) expect(told.has(g.id)).toBe(true);
  });
});
