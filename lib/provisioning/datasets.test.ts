import { describe, expect, it } from "vitest";
import { projectDatasets, type OdcsContract, type ProductField } from "@/lib/products";
import { datasetKeys, datasetRelations, pickDataset, requestDatasets, requestedDataset } from "./datasets";
import { grantStatements, type RoleGrant } from "./grants";
import { planStorage, designTable } from "./table-design";

const field = (name: string, pii = false): ProductField => ({ name, type: "string", description: "", required: name === "id", pii });

describe("datasetKeys", () => {
  it("makes identifier keys, unique, never one that reads like a table version or the masked view", () => {
    expect(datasetKeys(["Orders", "Line Items", "line-items", "masked", "orders_v2", "v1", "", "a__b"])).toEqual([
      "orders",
      "line_items",
      "line_items_2",
      "masked_ds",
      "orders_v2_ds",
      "v1_ds",
      "dataset_7",
      "a_b",
    ]);
  });
});

describe("requestDatasets", () => {
  it("names the others' views <product>__<key> and keeps the first's name", () => {
    const { first, others } = requestDatasets("sales-orders", [
      { name: "orders", fields: [field("id")] },
      { name: "Customers", fields: [field("id"), field("email", true)] },
    ]);
    expect(first).toEqual({ key: "orders", name: "orders" });
    expect(others).toEqual([
      { key: "customers", name: "Customers", fields: [field("id"), field("email", true)], view: "sales_orders__customers" },
    ]);
  });

  it("gives a product without a contract one dataset named after it", () => {
    expect(requestDatasets("sales-orders", [])).toEqual({ first: { key: "sales_orders", name: "sales-orders" }, others: [] });
  });

  it("plans another dataset's table as <product>__<key>_v<major>, and a new one on a breaking change", () => {
    const design = designTable([field("id"), field("email")]);
    const plan = planStorage("s", "orders", "1.0.0", design, null, [], "orders__customers");
    expect(plan).toMatchObject({ action: "create", table: "orders__customers_v1" });
    const current = { name: "orders__customers_v1", columns: [{ name: "id", type: "text", notNull: true }], primaryKey: ["id"] };
    const breaking = planStorage(
      "s",
      "orders",
      "2.0.0",
      designTable([field("id"), { ...field("n"), type: "integer", required: true }]),
      current,
      [],
      "orders__customers",
    );
    expect(breaking).toMatchObject({ action: "new_table", table: "orders__customers_v2" });
  });
});

describe("projectDatasets", () => {
  it("projects every dataset's top-level properties as the first's are: names adapted, nested PII, declared keys", () => {
    const contract = {
      apiVersion: "v3.1.0",
      kind: "DataContract",
      id: "c",
      version: "1.0.0",
      status: "active",
      schema: [
        { name: "orders", properties: [{ name: "order_id", logicalType: "string", primaryKey: true }] },
        {
          name: "Customers",
          properties: [
            { name: "Customer ID", logicalType: "integer", required: true },
            { name: "contact", logicalType: "object", properties: [{ name: "email", logicalType: "string", tags: ["pii"] }] },
          ],
        },
      ],
    } as unknown as OdcsContract;
    const [orders, customers] = projectDatasets(contract);
    expect(orders).toMatchObject({ name: "orders", fields: [{ name: "order_id", primaryKey: true }] });
    expect(customers.name).toBe("Customers");
    expect(customers.fields.map((f) => [f.name, f.type, f.required, f.pii])).toEqual([
      ["customer_id", "integer", true, false],
      ["contact", "json", false, true],
    ]);
  });
});

describe("pickDataset", () => {
  const { first, others } = requestDatasets("p", [
    { name: "orders", fields: [] },
    { name: "Line Items", fields: [] },
  ]);
  it("reads the first by default, by key or declared name; another by key or name; undefined for an unknown one", () => {
    expect(pickDataset(null, first, others)).toBeNull();
    expect(pickDataset("", first, others)).toBeNull();
    expect(pickDataset("orders", first, others)).toBeNull();
    expect(pickDataset("line_items", first, others)?.key).toBe("line_items");
    expect(pickDataset("Line Items", first, others)?.key).toBe("line_items");
    expect(pickDataset("nope", first, others)).toBeUndefined();
  });
});

describe("grants on every dataset", () => {
  it("gives each role the same privileges on the other datasets' tables and views; none on a dataset no longer served", () => {
    const datasets = datasetRelations({
      customers: {
        table: "p__customers_v2",
        previousTables: ["p__customers_v1"],
        view: "p__customers",
        maskedView: "p__customers__masked",
      },
      gone: { table: "p__gone_v1", previousTables: [] },
    });
    const grant: RoleGrant = {
      accessRole: "data_producer",
      roleName: "r",
      granted: ["read", "write"],
      withheld: [],
      privileges: ["SELECT", "INSERT", "UPDATE"],
    };
    const sql = grantStatements("s", grant, { current: "p_v1", previous: [], view: "p", maskedView: "p__masked", datasets });
    expect(sql).toContain('GRANT SELECT, INSERT, UPDATE ON TABLE "s"."p__customers_v2" TO "r"');
    expect(sql).toContain('GRANT SELECT ON TABLE "s"."p__customers_v1" TO "r"');
    expect(sql).toContain('GRANT SELECT ON TABLE "s"."p__customers__masked" TO "r"');
    expect(sql.some((s) => s.includes("p__gone"))).toBe(false);
    expect(sql.filter((s) => s.startsWith("REVOKE"))).toHaveLength(2);
  });
});

describe("requestedDataset", () => {
  const { first, others } = requestDatasets("p", [
    { name: "orders", fields: [] },
    { name: "Line Items", fields: [] },
  ]);
  const request = { spec: { name: "p" } as never, firstDataset: first, datasets: others };
  it("answers the pick with the request's datasets, and refuses an unknown one naming `dataset` and the product's datasets", () => {
    expect(requestedDataset(request, { domain: "d", name: "p", dataset: "Line Items" }).picked?.key).toBe("line_items");
    expect(requestedDataset(request, { domain: "d", name: "p" }).picked).toBeNull();
    let error: unknown;
    try {
      requestedDataset(request, { domain: "d", name: "p", dataset: "nope" });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({
      status: 400,
      fieldErrors: { dataset: ['Unknown dataset "nope". Datasets of d/p: orders, line_items.'] },
    });
  });
});
