// A product whose contract declares two datasets (orders, customers), provisioned on the real PostgreSQL: the
// on-demand quality check and the hourly monitor measure both datasets' tables (each rule on its own dataset's
// table, failures naming the dataset), the preview reads the chosen dataset, and the load history names each
// load's dataset.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { uid } from "@/prisma/seed/factories";
import { dropTestRoles, ensurePlatformReferenceData, ownedProduct, type Fixture } from "@/tests/provisioning-fixtures";
import { importProduct } from "@/lib/products/import-product";
import { provisionProduct } from "@/lib/provisioning/provision-product";
import { runProvisioningJob } from "@/lib/provisioning/run-job";
import { readProductData } from "@/lib/provisioning/read-data";
import { ingestJson, listLoads } from "@/lib/ingestion/ingest";
import { runQualityMonitor } from "@/lib/governance/compliance/monitor/quality.db";
import { stopQueue } from "@/lib/jobs/queue";
import { runQualityCheck } from "./run-quality-check";

let f: Fixture;
let productId: string;
const name = `shop-${uid()}`;

beforeAll(async () => {
  await ensurePlatformReferenceData();
  f = await ownedProduct();
  const contract = {
    apiVersion: "v3.1.0",
    kind: "DataContract",
    id: `ds-quality-${uid()}`,
    name,
    version: "1.0.0",
    status: "active",
    domain: f.domain,
    description: { purpose: "Orders and the customers who placed them" },
    team: { members: [{ username: f.owner.email, role: "owner" }] },
    roles: [
      { role: "data_consumer", access: "read" },
      { role: "data_producer", access: "read-write" },
    ],
    customProperties: [
      { property: "classification", value: "internal" },
      { property: "governance", value: { encryption: true, retention: "1_year", purpose: "Order analytics" } },
    ],
    schema: [
      {
        name: "orders",
        physicalType: "table",
        quality: [{ metric: "rowCount", mustBe: 2 }],
        properties: [
          { name: "order_id", logicalType: "string", primaryKey: true, required: true },
          { name: "amount", logicalType: "number" },
        ],
      },
      {
        name: "customers",
        physicalType: "table",
        // Measured on the orders table these would read 2 rows and fail or error: they must run on customers.
        quality: [
          { metric: "rowCount", mustBe: 3 },
          { type: "sql", query: "SELECT count(*) FROM ${table} WHERE email NOT LIKE '%@%'", mustBe: 0 },
        ],
        properties: [
          { name: "customer_id", logicalType: "string", primaryKey: true, required: true },
          { name: "email", logicalType: "string", quality: [{ metric: "nullValues", mustBe: 0 }] },
          { name: "age", logicalType: "integer" },
        ],
      },
    ],
  };
  await importProduct(f.owner, JSON.stringify(contract), "auto", "", { domain: f.domain, owner: f.owner.email });
  productId = (await db.dataProduct.findFirstOrThrow({ where: { name }, select: { id: true } })).id;
  const { jobId } = await provisionProduct(f.owner, { domain: f.domain, name });
  expect(await runProvisioningJob(jobId)).toBe("completed");
  const ref = { domain: f.domain, name, environment: "staging" as const };
  // orders: 2 rows, every cell set and well-formed.
  await ingestJson(
    f.owner,
    ref,
    [
      { order_id: "o-1", amount: 10 },
      { order_id: "o-2", amount: 20 },
    ],
    1000,
  );
  // customers: 3 rows; email NULL once and blank once, age NULL once: 7 of 9 cells set, 1 of 5 text cells blank.
  const loaded = await ingestJson(
    f.owner,
    { ...ref, dataset: "customers" },
    [
      { customer_id: "c-1", email: "ann@example.com", age: 30 },
      { customer_id: "c-2", email: null, age: 40 },
      { customer_id: "c-3", email: " ", age: null },
    ],
    1000,
  );
  expect(loaded).toMatchObject({ status: "succeeded", rowsLoaded: 3 });
}, 240_000);

afterAll(async () => {
  await dropTestRoles();
  await stopQueue();
});

describe("a product with several datasets", () => {
  it("the load history names the dataset each load went to", async () => {
    const { rows } = await listLoads(productId, 1);
    expect(rows.map((r) => [r.dataset, r.rowsLoaded])).toEqual([
      ["customers", 3],
      ["orders", 2],
    ]);
  });

  it("the on-demand check measures every dataset's table, pooled over their cells, and names the datasets that fail", async () => {
    const run = await runQualityCheck(f.owner, productId);
    expect(run.rowsChecked).toBe(5);
    // completeness (4 + 7) / (4 + 9) cells, accuracy (4 + 4) / (4 + 5) checked cells, consistency 5 / 5 fields
    expect(run.metrics).toEqual({ completeness: 84.62, accuracy: 88.89, consistency: 100 });
    expect(run.datasets).toEqual([
      { key: "orders", rows: 2, metrics: { completeness: 100, accuracy: 100, consistency: 100 } },
      { key: "customers", rows: 3, metrics: { completeness: 77.78, accuracy: 80, consistency: 100 } },
    ]);
    const stored = await db.qualityRun.findUniqueOrThrow({ where: { id: run.id }, select: { rowsChecked: true, metrics: true } });
    expect(stored).toEqual({ rowsChecked: 5, metrics: run.metrics });
    // The global policy wants completeness ≥ 95 and accuracy ≥ 98: the owners hear which dataset falls short.
    const event = await db.notificationEvent.findFirstOrThrow({
      where: { type: "quality.check_failed", productId },
      orderBy: { createdAt: "desc" },
      select: { title: true, payload: true },
    });
    expect((event.payload as { failures: unknown[] }).failures).toEqual([
      { metric: "completeness", score: 84.62, threshold: 95, datasets: ["customers"] },
      { metric: "accuracy", score: 88.89, threshold: 98, datasets: ["customers"] },
    ]);
    expect(event.title).toContain("completeness 84.6% < 95% (dataset customers), accuracy 88.9% < 98% (dataset customers)");
  });

  it("the monitor runs each dataset's contract rules on that dataset's table and names it in the violations", async () => {
    const report = await runQualityMonitor({ productIds: [productId] });
    expect(report).toMatchObject({ products: 1, checks: 4, failedChecks: 2, failed: [] });
    const [run] = await db.qualityRun.findMany({
      where: { productId },
      orderBy: { at: "desc" },
      take: 1,
      select: { checks: true, rowsChecked: true },
    });
    expect(run.rowsChecked).toBe(5);
    expect((run.checks as Array<Record<string, unknown>>).map((c) => [c.path, c.dataset, c.value, c.passed])).toEqual([
      ["schema[0].quality[0]", "orders", 2, true],
      ["schema[1].quality[0]", "customers", 3, true],
      ["schema[1].quality[1]", "customers", 1, false],
      ["schema[1].properties[1].quality[0]", "customers", 1, false],
    ]);
    const violations = await db.complianceViolation.findMany({
      where: { productId, rule: "quality", resolvedAt: null },
      select: { detail: true, message: true },
      orderBy: { detail: "asc" },
    });
    expect(violations.find((v) => v.detail === "check:schema[1].quality[1]")?.message).toBe(
      "Quality rule schema[1].quality[1] (sql) on dataset customers measured 1, expected be 0.",
    );
    expect(violations.find((v) => v.detail === "metric:completeness")?.message).toBe(
      "completeness is 84.62%, under the policy's 95% (dataset customers).",
    );
  });

  it("the preview reads the chosen dataset and offers every dataset the deployment serves", async () => {
    const ref = { domain: f.domain, name, environment: "staging" as const, limit: 10, offset: 0, via: "preview" as const };
    const first = await readProductData(f.owner, ref);
    expect(first.datasets).toEqual(["orders", "customers"]);
    expect(first.page).toMatchObject({ dataset: "orders", total: 2 });
    expect(first.sqlRelation).toMatch(/\.shop_[a-z0-9_]+__masked$/);
    const customers = await readProductData(f.owner, { ...ref, dataset: "customers" });
    expect(customers.page).toMatchObject({ dataset: "customers", total: 3 });
    expect(customers.page.rows.map((r) => r.customer_id)).toEqual(["c-1", "c-2", "c-3"]);
    expect(customers.sqlRelation).toMatch(/__customers__masked$/);
  });
});
