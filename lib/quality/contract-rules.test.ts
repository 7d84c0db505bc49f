import { describe, expect, it } from "vitest";
import type { OdcsContract } from "@/lib/products";
import { contractChecks, meets, qualityQuery } from "./contract-rules";

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
          quality: [
            { metric: "invalidValues", arguments: { validValues: ["new", "o'k"] }, mustBeLessThan: 5, unit: "percent" },
            { metric: "invalidValues", arguments: { pattern: "^[a-z]+$'; DROP TABLE x; --" }, mustBe: 0 },
          ],
        },
      ],
    },
    {
      name: "customers",
      quality: [
        { type: "sql", query: "SELECT count(*) FROM ${object} WHERE email NOT LIKE '%@%'", mustBe: 0 },
        { metric: "rowCount", mustBeGreaterThan: 0 },
      ],
      properties: [
        { name: "Customer ID", quality: [{ metric: "duplicateValues", mustBe: 0 }] },
        { name: "email", quality: [{ type: "sql", query: "SELECT count(*) FROM ${table} WHERE ${column} IS NULL", mustBe: 0 }] },
      ],
    },
  ],
};

describe("contract quality rules as SQL", () => {
  const compiled = contractChecks(contract, "dp_s", "orders_v1", (name) => (name === "Order ID" ? "order_id" : name));

  it("compiles library metrics into one scan and keeps sql rules apart", () => {
    expect(compiled.checks.map((c) => c.aggregate ?? c.sql)).toEqual([
      "count(*)",
      'SELECT count(*) FROM "dp_s"."orders_v1" WHERE amount < 0',
      'count(*) - count(DISTINCT "order_id")',
      'count(*) FILTER (WHERE "order_id" IS NULL)',
      '100.0 * count(*) FILTER (WHERE "status" IS NOT NULL AND NOT ("status"::text = ANY($1::text[]))) / NULLIF(count(*), 0)',
      'count(*) FILTER (WHERE "status" IS NOT NULL AND "status"::text !~ $2::text)',
    ]);
    const q = qualityQuery(compiled);
    expect(q.sql).toMatch(/^SELECT \(count\(\*\)\)::float8 AS c0, .* AS c5 FROM "dp_s"\."orders_v1"$/);
    expect(q.sql).not.toContain("c1");
  });

  it("passes user text (values, patterns) as parameters, never in the SQL", () => {
    expect(compiled.params).toEqual([["new", "o'k"], "^[a-z]+$'; DROP TABLE x; --"]);
    expect(qualityQuery(compiled).sql).not.toContain("DROP");
  });

  it("compiles another dataset's rules, and its properties' rules, against that dataset's own table", () => {
    const columns: Record<string, string> = { "Customer ID": "customer_id", email: "email" };
    const second = contractChecks(contract, "dp_s", "orders__customers_v1", (name) => columns[name] ?? null, {
      index: 1,
      key: "customers",
    });
    expect(second.from).toBe('"dp_s"."orders__customers_v1"');
    expect(second.checks.map((c) => [c.path, c.dataset, c.aggregate ?? c.sql])).toEqual([
      ["schema[1].quality[0]", "customers", `SELECT count(*) FROM "dp_s"."orders__customers_v1" WHERE email NOT LIKE '%@%'`],
      ["schema[1].quality[1]", "customers", "count(*)"],
      ["schema[1].properties[0].quality[0]", "customers", 'count(*) - count(DISTINCT "customer_id")'],
      ["schema[1].properties[1].quality[0]", "customers", 'SELECT count(*) FROM "dp_s"."orders__customers_v1" WHERE "email" IS NULL'],
    ]);
    expect(qualityQuery(second).sql).toBe(
      'SELECT (count(*))::float8 AS c1, (count(*) - count(DISTINCT "customer_id"))::float8 AS c2 FROM "dp_s"."orders__customers_v1"',
    );
    // The first dataset's rules never run on the second's table, nor the second's on the first's.
    expect(compiled.checks.every((c) => c.path.startsWith("schema[0]") && c.dataset === undefined)).toBe(true);
    expect(contractChecks(contract, "dp_s", "t", () => null, { index: 2 }).checks).toEqual([]);
  });

  it("compares the measured number with the rule's operator", () => {
    expect(meets(3, compiled.checks[0].expect)).toBe(true);
    expect(meets(0, compiled.checks[0].expect)).toBe(false);
    expect(meets(4.9, compiled.checks[4].expect)).toBe(true);
    expect(meets(5, compiled.checks[4].expect)).toBe(false);
  });
});
