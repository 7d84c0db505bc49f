import { describe, expect, it } from "vitest";
import { matchReasons, queryWords } from "./search-query";

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
