import { describe, expect, it } from "vitest";
import { columnTypeFor, postgresTypeFor } from "./physical-types";
import { createTableSql, designTable } from "./table-design";

describe("declared physical types", () => {
  it("uses what PostgreSQL has, in its own spelling", () => {
    expect(postgresTypeFor("DECIMAL(10,2)", "number")).toBe("numeric(10,2)");
    expect(postgresTypeFor("VARCHAR(36)", "string")).toBe("character varying(36)");
    expect(postgresTypeFor("int", "integer")).toBe("integer");
    expect(postgresTypeFor("TIMESTAMP", "timestamp")).toBe("timestamp without time zone");
  });

  it("falls back to the portal's type when the declared one is foreign or does not fit the logical type", () => {
    expect(columnTypeFor({ type: "number", physicalType: "NUMBER(38,0)x" })).toBe("double precision");
    expect(columnTypeFor({ type: "string", physicalType: "INTEGER" })).toBe("text");
    expect(columnTypeFor({ type: "json", physicalType: "STRUCT<a:int>" })).toBe("jsonb");
    expect(columnTypeFor({ type: "integer" })).toBe("bigint");
  });

  it("declares the contract's primary key and unique columns", () => {
    const design = designTable([
      { name: "order_id", type: "string", description: "", required: false, pii: false, physicalType: "VARCHAR(36)", primaryKey: true },
      { name: "amount", type: "number", description: "", required: false, pii: false, physicalType: "DECIMAL(10,2)" },
      { name: "ref", type: "string", description: "", required: false, pii: false, unique: true },
    ]);
    expect(createTableSql("s", "t", design)).toBe(
      'CREATE TABLE IF NOT EXISTS "s"."t" ("order_id" character varying(36) NOT NULL, "amount" numeric(10,2), "ref" text, "_loaded_at" timestamp with time zone NOT NULL DEFAULT now(), PRIMARY KEY ("order_id"), UNIQUE ("ref"))',
    );
  });
});
