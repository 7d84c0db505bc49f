import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors";
import type { ProductField } from "@/lib/products";
import { buildSelect, cursorAfter, encodeCursor, isoTimestamptz, MAX_STREAM_ROWS, parseDataQuery, withoutKeys } from "./data-query";

const fields: ProductField[] = [
  { name: "id", type: "integer", description: "", required: true, pii: false },
  { name: "country", type: "string", description: "", required: false, pii: false },
  { name: "on", type: "date", description: "", required: false, pii: false },
  { name: "extra", type: "json", description: "", required: false, pii: false },
];
const parse = (q: string) => parseDataQuery(new URLSearchParams(q), fields, ["env"]);
const paramOf = (q: string) => {
  try {
    parse(q);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return Object.keys((e as ValidationError).fieldErrors ?? {});
  }
  throw new Error(`${q} was accepted`);
};

describe("parseDataQuery", () => {
  it("reads fields, filters, sort, limit and cursor", () => {
    const q = parse(
      `env=staging&fields=id,country&filter.country=in:DE,FR&filter.id=gte:3&filter.on=null:false&sort=-on,id&limit=10&cursor=${encodeCursor(["2026-01-01", "3"])}`,
    );
    expect(q).toEqual({
      fields: ["id", "country"],
      filters: [
        { field: "country", op: "in", values: ["DE", "FR"] },
        { field: "id", op: "gte", values: ["3"] },
        { field: "on", op: "null", values: ["false"] },
      ],
      sort: [
        { field: "on", desc: true },
        { field: "id", desc: false },
      ],
      after: ["2026-01-01", "3"],
      limit: 10,
    });
  });

  it("names the parameter of every refusal", () => {
    expect(paramOf("filter.id=gte:x")).toEqual(["filter.id"]);
    expect(paramOf("filter.id=like:3")).toEqual(["filter.id"]);
    expect(paramOf("filter.nope=eq:3")).toEqual(["filter.nope"]);
    expect(paramOf("filter.extra=eq:3")).toEqual(["filter.extra"]);
    expect(paramOf("filter.on=eq:2026-13-45")).toEqual(["filter.on"]);
    expect(paramOf("fields=id,nope")).toEqual(["fields"]);
    expect(paramOf("sort=id,id")).toEqual(["sort"]);
    expect(paramOf("limit=0")).toEqual(["limit"]);
    expect(paramOf("limit=1001")).toEqual(["limit"]);
    expect(paramOf("cursor=bm9wZQ")).toEqual(["cursor"]);
    expect(paramOf("offset=10")).toEqual(["offset"]);
  });

  it("takes a larger limit where the caller streams the page (NDJSON, CSV)", () => {
    expect(parseDataQuery(new URLSearchParams("limit=50000"), fields, [], MAX_STREAM_ROWS).limit).toBe(50_000);
    expect(() => parseDataQuery(new URLSearchParams(`limit=${MAX_STREAM_ROWS + 1}`), fields, [], MAX_STREAM_ROWS)).toThrow(ValidationError);
  });
});

describe("buildSelect", () => {
  it("parameterises every value, casts it to the column type and orders totally (then the primary key)", () => {
    const q = buildSelect('"s"."v"', parse("filter.country=eq:DE&filter.id=in:1,2&sort=-on&limit=5"), fields, ["id"]);
    expect(q.text).toBe(
      'SELECT "id", "country", "on", "extra", "_loaded_at", "on"::text AS "__key_0", "id"::text AS "__key_1" FROM "s"."v" WHERE "country" = $1::text AND "id" = ANY($2::bigint[]) ORDER BY "on" DESC NULLS FIRST, "id" ASC NULLS LAST LIMIT $3',
    );
    expect(q.values).toEqual(["DE", ["1", "2"], 6]);
    // The next cursor before the rows: the keys of the page's 5th row and of a 6th if there is one.
    expect(q.boundary.text).toBe(
      'SELECT "on"::text AS "__key_0", "id"::text AS "__key_1" FROM "s"."v" WHERE "country" = $1::text AND "id" = ANY($2::bigint[]) ORDER BY "on" DESC NULLS FIRST, "id" ASC NULLS LAST LIMIT 2 OFFSET $3',
    );
    expect(q.boundary.values).toEqual(["DE", ["1", "2"], 4]);
  });

  it("continues after the cursor in the sort's order, NULLs where PostgreSQL puts them", () => {
    const after = parse(`sort=-on&cursor=${encodeCursor([null, "7"])}`);
    const q = buildSelect('"v"', after, fields, ["id"]);
    expect(q.text).toContain('WHERE ("on" IS NOT NULL OR ("on" IS NULL AND (("id" > $1::bigint OR "id" IS NULL))))');
    expect(cursorAfter({ __key_0: "2026-01-02", __key_1: "9" }, q.keys)).toBe(encodeCursor(["2026-01-02", "9"]));
  });

  it("refuses a cursor from another sort", () => {
    expect(() => buildSelect('"v"', parse(`sort=-on&cursor=${encodeCursor(["1"])}`), fields, ["id"])).toThrow(ValidationError);
  });
});

describe("isoTimestamptz", () => {
  it("writes PostgreSQL's UTC text exactly as new Date(v).toISOString() does, milliseconds cut", () => {
    const samples = [
      "2026-12-03 10:00:00+00",
      "2026-12-03 10:00:00.5+00",
      "2026-12-03 10:00:00.12+00",
      "2026-12-03 10:00:00.123999+00",
      "1969-12-31 23:59:59.999999+00",
      "9999-12-31 23:59:59.000001+00",
    ];
    // and 500 random instants with 0–6 fraction digits, as PostgreSQL prints them (trailing zeros dropped)
    for (let i = 0; i < 500; i++) {
      const micros = Math.floor(Math.random() * 1e6);
      const d = new Date(Date.UTC(1000 + Math.floor(Math.random() * 8999), 0, 1) + Math.floor(Math.random() * 365 * 86_400_000));
      const frac = String(micros).padStart(6, "0").replace(/0+$/, "");
      samples.push(`${d.toISOString().slice(0, 19).replace("T", " ")}${frac ? `.${frac}` : ""}+00`);
    }
    for (const v of samples) expect(isoTimestamptz(v), v).toBe(new Date(v).toISOString());
  });

  it("leaves text in another time zone to Date", () => {
    expect(isoTimestamptz("2026-12-03 11:00:00.25+01")).toBe("2026-12-03T10:00:00.250Z");
    expect(isoTimestamptz("2026-12-03 05:30:00-04:30")).toBe("2026-12-03T10:00:00.000Z");
  });
});

describe("withoutKeys", () => {
  it("drops the cursor's key columns from the row's JSON", () => {
    const row = withoutKeys({ id: 1, name: "a", __key_0: "1", __key_1: "a" }, 2);
    expect(JSON.stringify(row)).toBe('{"id":1,"name":"a"}');
    expect(JSON.stringify([row, row]).slice(1, -1)).toBe('{"id":1,"name":"a"},{"id":1,"name":"a"}');
  });
});
