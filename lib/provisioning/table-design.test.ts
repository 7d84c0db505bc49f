import { describe, expect, it } from "vitest";
import type { ProductField } from "@/lib/products/types";
import { createTableSql, designTable, planStorage, primaryKeyFor, reservedFieldNames, type ExistingTable } from "./table-design";

const f = (name: string, type: ProductField["type"], required = false): ProductField => ({
  name,
  type,
  required,
  description: "",
  pii: false,
});
const fields = [f("order_id", "string", true), f("total", "number", true), f("channel", "string"), f("placed_at", "timestamp", true)];

function existing(design = designTable(fields), name = "orders_v1"): ExistingTable {
  return { name, columns: design.columns, primaryKey: design.primaryKey };
}

describe("designTable", () => {
  it("maps every field type and marks required fields NOT NULL", () => {
    const all = designTable([
      f("a", "string"),
      f("b", "integer"),
      f("c", "number"),
      f("d", "boolean"),
      f("e", "date"),
      f("g", "timestamp"),
      f("h", "json", true),
    ]);
    expect(all.columns.map((c) => [c.name, c.type, c.notNull])).toEqual([
      ["a", "text", false],
      ["b", "bigint", false],
      ["c", "double precision", false],
      ["d", "boolean", false],
      ["e", "date", false],
      ["g", "timestamp with time zone", false],
      ["h", "jsonb", true],
      ["_loaded_at", "timestamp with time zone", true],
    ]);
  });

  it("picks the first required *_id field as primary key, else the first required field, else a surrogate", () => {
    expect(primaryKeyFor([f("name", "string", true), f("customer_id", "string", true)])).toEqual(["customer_id"]);
    expect(primaryKeyFor([f("paid", "boolean", true), f("day", "date", true)])).toEqual(["paid"]);
    expect(primaryKeyFor([f("week", "date", true), f("region", "string", true)])).toEqual(["week"]);
    const surrogate = designTable([f("note", "string")]);
    expect(surrogate.primaryKey).toEqual(["_row_id"]);
    expect(createTableSql("s", "t", surrogate)).toContain('"_row_id" bigint GENERATED ALWAYS AS IDENTITY');
  });

  it("writes quoted DDL with the primary key and the load timestamp", () => {
    expect(createTableSql("dp_sales_orders", "orders_v1", designTable(fields))).toBe(
      'CREATE TABLE IF NOT EXISTS "dp_sales_orders"."orders_v1" ("order_id" text NOT NULL, "total" double precision NOT NULL, "channel" text, ' +
        '"placed_at" timestamp with time zone NOT NULL, "_loaded_at" timestamp with time zone NOT NULL DEFAULT now(), PRIMARY KEY ("order_id"))',
    );
  });

  it("reports fields that collide with platform columns", () => {
    expect(reservedFieldNames([f("_loaded_at", "timestamp"), f("x", "string"), f("xmin", "string"), f("CTID", "string")])).toEqual([
      "_loaded_at",
      "xmin",
      "CTID",
    ]);
  });
});

describe("planStorage", () => {
  it("creates the table when there is none", () => {
    const plan = planStorage("s", "orders", "1.0.0", designTable(fields), null, []);
    expect(plan.action).toBe("create");
    expect(plan.table).toBe("orders_v1");
  });

  it("does nothing when the table already matches", () => {
    const plan = planStorage("s", "orders", "1.0.1", designTable(fields), existing(), ["orders_v1"]);
    expect(plan).toMatchObject({ action: "unchanged", table: "orders_v1", statements: [] });
  });

  it("migrates additive changes in place", () => {
    const next = designTable([...fields.map((x) => (x.name === "total" ? { ...x, required: false } : x)), f("coupon", "string")]);
    const plan = planStorage("s", "orders", "1.1.0", next, existing(), ["orders_v1"]);
    expect(plan.action).toBe("alter");
    expect(plan.table).toBe("orders_v1");
    expect(plan.statements).toEqual([
      'ALTER TABLE "s"."orders_v1" ALTER COLUMN "total" DROP NOT NULL',
      'ALTER TABLE "s"."orders_v1" ADD COLUMN IF NOT EXISTS "coupon" text',
    ]);
  });

  it.each([
    ["a removed field", fields.filter((x) => x.name !== "channel")],
    ["a changed type", fields.map((x) => (x.name === "total" ? f("total", "integer", true) : x))],
    ["an optional field made required", fields.map((x) => (x.name === "channel" ? f("channel", "string", true) : x))],
    ["a new required field", [...fields, f("currency", "string", true)]],
  ])("starts a new versioned table for %s and keeps the old one", (_label, next) => {
    const plan = planStorage("s", "orders", "2.0.0", designTable(next), existing(), ["orders_v1"]);
    expect(plan.action).toBe("new_table");
    expect(plan.table).toBe("orders_v2");
    expect(plan.statements[0]).toContain('CREATE TABLE IF NOT EXISTS "s"."orders_v2"');
    expect(plan.notes[0]).toContain("orders_v1 stays readable");
  });

  it("names a breaking change within one major version apart from the current table", () => {
    const plan = planStorage("s", "orders", "0.2.0", designTable(fields.slice(0, 2)), existing(designTable(fields), "orders_v0"), [
      "orders_v0",
    ]);
    expect(plan.table).toBe("orders_v0_2");
  });
});
