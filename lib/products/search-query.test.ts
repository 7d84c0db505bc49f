import { describe, expect, it } from "vitest";
import { matchReasons, parseSearchParams, parseSearchParamsStrict, queryWords } from "./search-query";

const product = {
  name: "orders",
  description: "Every order with its customer and totals",
  owner: "sales-team@meshport.local",
  tags: ["revenue", "daily"],
  fields: ["order_id", "customer_email", "total_amount"],
};

describe("matchReasons", () => {
  it("says a result matched through a schema field, not its name", () => {
    expect(matchReasons("email", product)).toEqual([{ where: "field", text: "customer_email" }]);
  });
  it("lists every place a word (or its prefix) occurs, name first", () => {
    expect(matchReasons("ord", product).map((r) => r.where)).toEqual(["name", "field", "description"]);
    expect(matchReasons("reven", product)).toEqual([{ where: "tag", text: "revenue" }]);
  });
  it("gives nothing without words or for a typo-only match", () => {
    expect(matchReasons("", product)).toEqual([]);
    expect(matchReasons("ordres", product)).toEqual([]);
  });
});

describe("queryWords", () => {
  it("splits on anything but letters and digits, lower-cased, at most eight", () => {
    expect(queryWords("Customer  E-mail")).toEqual(["customer", "e", "mail"]);
    expect(queryWords("a b c d e f g h i j")).toHaveLength(8);
  });
});

describe("parseSearchParamsStrict (REST API v1)", () => {
  it("takes what the catalog page takes, with the same query", () => {
    const params = { q: "customer", domain: "sales", classification: "internal", sort: "name", page: "2", pageSize: "50", tag: "crm" };
    expect(parseSearchParamsStrict(params)).toEqual({ ok: true, query: parseSearchParams(params) });
    expect(parseSearchParamsStrict({ q: "" })).toEqual({ ok: true, query: parseSearchParams({}) });
  });

  it("names every parameter the page would quietly drop or default", () => {
    expect(
      parseSearchParamsStrict({ classification: "secret", sort: "zzz", pageSize: "1000", page: "-1", clasification: "public" }),
    ).toEqual({
      ok: false,
      errors: {
        classification: ["One of public, internal, confidential, restricted."],
        sort: ["One of relevance, name, updated, domain, usage."],
        pageSize: ["A whole number from 1 to 100."],
        page: ["A whole number from 1."],
        clasification: [
          "Not a parameter of this endpoint; it takes q, domain, classification, lifecycle, owner, tag, sort, page, pageSize.",
        ],
      },
    });
    expect(parseSearchParamsStrict({ q: "a".repeat(201) })).toEqual({ ok: false, errors: { q: ["At most 200 characters."] } });
  });
});
