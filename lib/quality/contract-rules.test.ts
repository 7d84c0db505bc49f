import { describe, expect, it } from "vitest";
import type { OdcsContract } from "@/lib/products";
import { contractChecks, meets } from "./contract-rules";

const contract: OdcsContract = {
  apiVersion: "v3.1.0",
  kind: "DataContract",
  id: "c",
  version: "1.0.0",
  status: "active",
  schema: [
    {
      name: "orders",
      quality: [
        { type: "library", metric: "rowCount", mustBeGreaterThan: 0 },
        { type: "sql", query: "SELECT count(*) FROM ${table} WHERE amount < 0", mustBe: 0 },
      ],
      properties: [
        {
          name: "Order ID",
          quality: [
            { metric: "duplicateValues", mustBe: 0 },
            { metric: "nullValues", mustBe: 0 },
          ],
        },
        {
          name: "status",
          quality: [{ metric: "invalidValues", arguments: { validValues: ["new", "o'k"] }, mustBeLessThan: 5, unit: "percent" }],
        },
      ],
    },
  ],
};

describe("contract quality rules as SQL", () => {
  const checks = contractChecks(contract, "dp_s", "orders_v1", (name) => (name === "Order ID" ? "order_id" : name));

  it("compiles library metrics and sql rules against the provisioned table", () => {
    expect(checks.map((c) => c.sql)).toEqual([
      'SELECT count(*) FROM "dp_s"."orders_v1"',
      'SELECT count(*) FROM "dp_s"."orders_v1" WHERE amount < 0',
      'SELECT count(*) - count(DISTINCT "order_id") FROM "dp_s"."orders_v1"',
      'SELECT count(*) FILTER (WHERE "order_id" IS NULL) FROM "dp_s"."orders_v1"',
      `SELECT 100.0 * count(*) FILTER (WHERE "status" IS NOT NULL AND "status"::text NOT IN ('new', 'o''k')) / NULLIF(count(*), 0) FROM "dp_s"."orders_v1"`,
    ]);
  });

  it("compares the measured number with the rule's operator", () => {
    expect(meets(3, checks[0].expect)).toBe(true);
    expect(meets(0, checks[0].expect)).toBe(false);
    expect(meets(4.9, checks[4].expect)).toBe(true);
    expect(meets(5, checks[4].expect)).toBe(false);
  });
});
