import { describe, expect, it } from "vitest";
import type { OdcsContract } from "@/lib/products";
import { qualityDatasets } from "./datasets";

const contract: OdcsContract = {
  apiVersion: "v3.1.0",
  kind: "DataContract",
  id: "c",
  version: "1.0.0",
  status: "active",
  schema: [
    { name: "orders", properties: [{ name: "order_id", logicalType: "string" }] },
    {
      name: "Customers",
      properties: [
        { name: "Customer ID", logicalType: "string" },
        { name: "age", logicalType: "integer" },
      ],
    },
    { name: "returns", properties: [{ name: "return_id", logicalType: "string" }] },
  ],
};
const spec = { name: "sales", schema: [{ name: "order_id", type: "string" as const, description: "", required: true, pii: false }] };

describe("qualityDatasets", () => {
  it("lists the first dataset on the deployment's table and each other provisioned one on its own table", () => {
    const datasets = qualityDatasets(spec, contract, {
      table: "sales_v1",
      // returns is declared but not provisioned in this deployment yet: nothing to measure.
      resources: { datasets: { customers: { table: "sales__customers_v1", view: "sales__customers" } } },
    });
    expect(datasets).toEqual([
      { index: 0, key: "orders", table: "sales_v1", fields: [{ name: "order_id", type: "string", physicalType: undefined }] },
      {
        index: 1,
        key: "customers",
        table: "sales__customers_v1",
        fields: [
          { name: "customer_id", type: "string", physicalType: undefined },
          { name: "age", type: "integer", physicalType: undefined },
        ],
      },
    ]);
  });

  it("a product without a declared contract has its one dataset", () => {
    expect(qualityDatasets(spec, null, { table: "sales_v1", resources: {} }).map((d) => [d.key, d.table])).toEqual([["sales", "sales_v1"]]);
  });
});
