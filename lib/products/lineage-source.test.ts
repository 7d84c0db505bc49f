import { describe, expect, it } from "vitest";
import { findCycle, formatSource, parseSourceLine, resolveSource, sourceKey, splitSourceLines } from "./lineage-source";
import { lineageSchema } from "./schema";

describe("a lineage source line", () => {
  it("keeps plain text as the seed format's string", () => {
    expect(parseSourceLine("Salesforce CRM")).toBe("Salesforce CRM");
    expect(parseSourceLine("finance/invoices")).toBe("finance/invoices");
  });

  it("reads an upstream product with dataset, fields (renamed or not) and transformation", () => {
    expect(parseSourceLine("finance/invoices.lines(amount->total, currency) | sum per day")).toEqual({
      product: "finance/invoices",
      dataset: "lines",
      fields: [{ from: "amount", to: "total" }, { from: "currency" }],
      transformation: "sum per day",
    });
    expect(parseSourceLine("finance/invoices | dedupe")).toEqual({ product: "finance/invoices", transformation: "dedupe" });
  });

  it("reads an explicit external system", () => {
    expect(parseSourceLine("system: SAP ERP | nightly export")).toEqual({ system: "SAP ERP", transformation: "nightly export" });
    expect(parseSourceLine("system: crm/export")).toEqual({ system: "crm/export" });
  });

  it("formats back to the same line", () => {
    for (const line of ["finance/invoices.lines(amount->total, currency) | sum per day", "system: SAP ERP | nightly", "erp", "a/b(x)"]) {
      expect(formatSource(parseSourceLine(line))).toBe(line);
    }
  });

  it("splits the form box on lines and on commas outside a field list", () => {
    expect(splitSourceLines("erp, crm\nfinance/invoices(amount, currency)")).toEqual([
      "erp",
      "crm",
      { product: "finance/invoices", fields: [{ from: "amount" }, { from: "currency" }] },
    ]);
  });

  it("treats a bare product source and its plain string as the same source", () => {
    expect(sourceKey({ product: "a/b" })).toBe(sourceKey("a/b"));
    expect(sourceKey({ product: "a/b", dataset: "x" })).not.toBe(sourceKey("a/b"));
  });
});

describe("what a source names", () => {
  const exists = (ref: string) => ref === "finance/invoices";
  it("makes a plain string a product only when that product exists", () => {
    expect(resolveSource("finance/invoices", exists)).toMatchObject({ kind: "product", product: "finance/invoices" });
    expect(resolveSource("crm/export", exists)).toEqual({ kind: "system", system: "crm/export", transformation: null });
    expect(resolveSource("Salesforce", exists)).toMatchObject({ kind: "system", system: "Salesforce" });
  });

  it("maps a field to itself unless renamed", () => {
    expect(resolveSource({ product: "x/y", fields: [{ from: "a" }, { from: "b", to: "c" }] }, exists)).toMatchObject({
      fields: [
        { from: "a", to: "a" },
        { from: "b", to: "c" },
      ],
    });
  });
});

describe("the lineage schema", () => {
  it("accepts old specs' strings and structured sources", () => {
    const ok = lineageSchema.safeParse({
      sources: ["erp", { product: "finance/invoices", dataset: "lines", fields: [{ from: "amount", to: "total" }] }, { system: "SAP" }],
      transformations: ["cleaning"],
    });
    expect(ok.success).toBe(true);
  });

  it("refuses a product reference that is not domain/name and a field that is not a column name", () => {
    expect(lineageSchema.safeParse({ sources: [{ product: "invoices" }], transformations: [] }).success).toBe(false);
    expect(lineageSchema.safeParse({ sources: [{ product: "a/b", fields: [{ from: "Bad Name" }] }], transformations: [] }).success).toBe(
      false,
    );
  });
});

describe("cycle detection", () => {
  const edges: [string, string][] = [
    ["a", "b"],
    ["b", "c"],
    ["c", "d"],
    ["x", "a"],
  ];

  it("finds nothing when the new sources are not downstream of the product", () => {
    expect(findCycle(edges, "a", ["x"])).toBeNull();
    expect(findCycle(edges, "d", ["a", "b"])).toBeNull();
  });

  it("returns the shortest cycle, from the upstream product back to itself", () => {
    expect(findCycle(edges, "a", ["c"])).toEqual(["c", "a", "b", "c"]);
    expect(findCycle(edges, "a", ["d", "b"])).toEqual(["b", "a", "b"]);
  });

  it("refuses a product as its own source", () => {
    expect(findCycle(edges, "a", ["a"])).toEqual(["a", "a"]);
  });

  it("ignores the product's current incoming edges, which the save replaces", () => {
    // x → a exists; making a read from d instead of x: d is downstream of a, so still a cycle; but a → … never reaches x.
    expect(findCycle([...edges, ["d", "a"]], "a", ["x"])).toBeNull();
  });
});
