import { describe, expect, it } from "vitest";
import type { ProductField } from "@/lib/products/types";
import { MAX_JSON_DEPTH, checkHeader, copyEscape, makeRowValidator } from "./row-validator";

const f = (name: string, type: ProductField["type"], required = false): ProductField => ({
  name,
  type,
  required,
  description: "",
  pii: false,
});
const fields = [
  f("id", "string", true),
  f("qty", "integer", true),
  f("price", "number"),
  f("paid", "boolean"),
  f("day", "date"),
  f("at", "timestamp"),
  f("meta", "json"),
];

describe("CSV rows", () => {
  const v = makeRowValidator(fields, "csv", ["id"]);
  it("turns a good row into a COPY line, empty cells into NULL", () => {
    expect(v.toCopyLine(["a1", "3", "9.5", "yes", "2026-02-28", "2026-02-28T10:00:00Z", '{"k": 1}'])).toBe(
      'a1\t3\t9.5\tt\t2026-02-28\t2026-02-28T10:00:00Z\t{"k":1}\n',
    );
    expect(v.toCopyLine(["a2", "4", "", "", undefined, "", ""])).toBe("a2\t4\t\\N\t\\N\t\\N\t\\N\t\\N\n");
  });
  it("reports every bad value of a row with the field name", () => {
    const out = v.toCopyLine(["", "3.5", "abc", "maybe", "2026-02-30", "yesterday", "{oops"]);
    expect(out).toEqual([
      "missing required field id",
      'qty: "3.5" is not a whole number',
      'price: "abc" is not a number',
      'paid: "maybe" is not true or false',
      'day: "2026-02-30" is not a date (YYYY-MM-DD)',
      'at: "yesterday" is not an ISO 8601 timestamp',
      'meta: "{oops" is not valid JSON',
    ]);
  });
  it("rejects integers outside 64 bits and duplicate primary keys within a load", () => {
    expect(v.toCopyLine(["big", "9223372036854775808"])).toEqual(["qty: 9223372036854775808 is outside the 64-bit integer range"]);
    const w = makeRowValidator(fields, "csv", ["id"]);
    expect(typeof w.toCopyLine(["dup", "1"])).toBe("string");
    expect(w.toCopyLine(["dup", "2"])).toEqual(["duplicate primary key id = dup in this load"]);
  });
  it("escapes tabs, newlines and backslashes for COPY", () => {
    expect(copyEscape("a\tb\nc\\d\re")).toBe("a\\tb\\nc\\\\d\\re");
    expect(v.toCopyLine(["x\ty", "1"])).toBe("x\\ty\t1\t\\N\t\\N\t\\N\t\\N\t\\N\n");
  });
});

describe("JSON rows", () => {
  const v = makeRowValidator(fields, "json");
  it("accepts native JSON types and checks them strictly", () => {
    expect(v.toCopyLine(["a", 7, 1.5, false, "2026-01-01", "2026-01-01 08:00", { deep: [1, "x"] }])).toBe(
      'a\t7\t1.5\tf\t2026-01-01\t2026-01-01 08:00\t{"deep":[1,"x"]}\n',
    );
    expect(v.toCopyLine([12, 7.5, "1e3"])).toEqual(["id: expected text, got number", "qty: 7.5 is not a whole number"]);
    expect(v.toCopyLine([null, null])).toEqual(["missing required field id", "missing required field qty"]);
  });
  it("refuses a json value nested deeper than MAX_JSON_DEPTH (JSON.stringify would overflow the stack), from JSON and from CSV", () => {
    const nest = (depth: number): unknown => (depth === 0 ? 1 : { a: nest(depth - 1) });
    expect(typeof v.toCopyLine(["ok", 1, null, null, null, null, nest(MAX_JSON_DEPTH)])).toBe("string");
    const deep = JSON.parse(`${'{"a":'.repeat(5000)}1${"}".repeat(5000)}`) as unknown;
    expect(v.toCopyLine(["deep", 1, null, null, null, null, deep])).toEqual([
      `meta: nests deeper than ${MAX_JSON_DEPTH} levels of arrays/objects`,
    ]);
    const c = makeRowValidator(fields, "csv");
    expect(c.toCopyLine(["deep", "1", "", "", "", "", `${"[".repeat(5000)}${"]".repeat(5000)}`])).toEqual([
      `meta: nests deeper than ${MAX_JSON_DEPTH} levels of arrays/objects`,
    ]);
  });
});

describe("checkHeader", () => {
  it("maps columns in any order and reports unknown, duplicate and missing required columns", () => {
    expect(checkHeader(["qty", "id"], fields)).toEqual({ indexes: [1, 0, -1, -1, -1, -1, -1], errors: [] });
    const bad = checkHeader(["id", "id", "colour"], fields);
    expect(bad.errors[0]).toBe("column id appears twice");
    expect(bad.errors[1]).toMatch(/^unknown column colour/);
    expect(bad.errors[2]).toBe("missing column for required field qty");
  });
});
