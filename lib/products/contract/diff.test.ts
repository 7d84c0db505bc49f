import { describe, expect, it } from "vitest";
import { diffContracts } from "./diff";
import type { OdcsContract } from "./types";

const base: OdcsContract = {
  apiVersion: "v3.1.0",
  kind: "DataContract",
  id: "c",
  version: "1.0.0",
  status: "active",
  schema: [
    {
      name: "orders",
      properties: [{ name: "id" }, { name: "customer", logicalType: "object", properties: [{ name: "email", logicalType: "string" }] }],
    },
    { name: "lines", properties: [{ name: "sku", logicalType: "string" }] },
  ],
};
const edit = (fn: (c: OdcsContract) => void) => {
  const copy = structuredClone(base);
  fn(copy);
  return copy;
};

describe("diffContracts", () => {
  it("sees nothing between a contract and itself", () => expect(diffContracts(base, structuredClone(base))).toEqual([]));

  it("a nested property removed or retyped is breaking; one added is not", () => {
    const removed = diffContracts(
      base,
      edit((c) => (c.schema![0].properties![1].properties = [])),
    );
    expect(removed).toMatchObject([{ kind: "property_removed", path: "datasets.orders.customer.email", breaking: true }]);
    const retyped = diffContracts(
      base,
      edit((c) => (c.schema![0].properties![1].properties![0].logicalType = "integer")),
    );
    expect(retyped).toMatchObject([{ kind: "property_type_changed", breaking: true }]);
    const added = diffContracts(
      base,
      edit((c) => c.schema![1].properties!.push({ name: "qty", logicalType: "integer" })),
    );
    expect(added).toMatchObject([{ kind: "property_added", path: "datasets.lines.qty", breaking: false }]);
  });

  it("a dataset removed is breaking, and its properties are not listed one by one", () => {
    expect(
      diffContracts(
        base,
        edit((c) => c.schema!.pop()),
      ),
    ).toMatchObject([{ kind: "dataset_removed", path: "datasets.lines", breaking: true }]);
  });

  it("leaves the first dataset's top-level fields to the spec diff", () => {
    expect(
      diffContracts(
        base,
        edit((c) => c.schema![0].properties!.shift()),
      ),
    ).toEqual([]);
  });
});
