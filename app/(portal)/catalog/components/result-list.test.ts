// What a catalog row says about a hit: the reasons beyond its name, its reads and its date, prepared on the server.
import { describe, expect, it } from "vitest";
import type { SearchHit } from "@/lib/products/search";
import { resultItem } from "./result-list";

const hit: SearchHit = {
  id: "p1",
  domain: "finance",
  name: "expense-claims",
  description: "Employee expense claims and their approval state.",
  owner: "finance-team@company.com",
  classification: "confidential",
  lifecycle: "published",
  version: "1.2.0",
  tags: ["expenses", "employee-data"],
  updatedAt: "2026-03-31T23:30:00.000Z",
  sunsetOn: null,
  fields: ["claim_id", "employee_email", "employee_id", "amount", "employee_name", "employee_team"],
  reads30d: 1,
};

describe("resultItem", () => {
  it("lists what matched beyond the name, at most four, and whether the description did", () => {
    const item = resultItem(hit, "employee");
    expect(item.reasons).toEqual([
      { where: "tag", text: "employee-data" },
      { where: "field", text: "employee_email" },
      { where: "field", text: "employee_id" },
      { where: "field", text: "employee_name" },
    ]);
    expect(item.inDescription).toBe(true);
    expect(item.href).toBe("/products/finance/expense-claims");
  });

  it("says nothing matched when the name alone did, or when there is no query", () => {
    expect(resultItem(hit, "expense").reasons).toEqual([{ where: "tag", text: "expenses" }]);
    expect(resultItem(hit, "claims")).toMatchObject({ reasons: [], inDescription: true });
    expect(resultItem(hit, "")).toMatchObject({ reasons: [], inDescription: false });
  });

  it("formats the date in UTC (the same text on every server) and counts reads in words", () => {
    const item = resultItem(hit, "");
    expect(item.updatedLabel).toBe("Mar 31, 2026");
    expect(item.reads).toBe("1 read in 30 days");
    expect(resultItem({ ...hit, reads30d: 0 }, "").reads).toBe("Not read in 30 days");
    expect(resultItem({ ...hit, reads30d: 1234 }, "").reads).toBe("1,234 reads in 30 days");
  });
});
