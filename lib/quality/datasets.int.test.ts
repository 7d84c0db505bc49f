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
import { ingestJson, listLoads } from "@/lib/ingestion/ingest";
import { stopQueue } from "@/lib/jobs/queue";

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
});
