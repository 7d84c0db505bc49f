import { describe, expect, it } from "vitest";
import { readSnippets } from "./read-snippets";

const base = {
  origin: "https://portal.example",
  domain: "sales",
  name: "orders",
  environment: "production",
  sql: { host: "db.example", port: 5432, database: "meshport" },
};

describe("readSnippets", () => {
  it("a product with one dataset: the endpoint without ?dataset= and its masked view", () => {
    const s = readSnippets({ ...base, dataset: null, relation: "dp_sales_orders_abc.orders__masked" });
    expect(s.url).toBe("https://portal.example/api/v1/products/sales/orders/data?env=production&limit=100");
    expect(s.curl).toContain(`"${s.url}"`);
    expect(s.python).toContain(`"${s.url}"`);
    expect(s.psql).toContain("SELECT * FROM dp_sales_orders_abc.orders__masked LIMIT 10");
    expect(s.psql).toContain("host=db.example port=5432 dbname=meshport");
  });

  it("a product with several datasets names the one shown: ?dataset= and that dataset's masked view", () => {
    const s = readSnippets({ ...base, dataset: "customers", relation: "dp_sales_orders_abc.orders__customers__masked" });
    expect(s.url).toBe("https://portal.example/api/v1/products/sales/orders/data?env=production&dataset=customers&limit=100");
    expect(s.curl).toContain("&dataset=customers&");
    expect(s.python).toContain("&dataset=customers&");
    expect(s.psql).toContain("SELECT * FROM dp_sales_orders_abc.orders__customers__masked LIMIT 10");
  });

  it("a placeholder relation when there is none to name", () => {
    expect(readSnippets({ ...base, dataset: null, relation: null }).psql).toContain("SELECT * FROM <schema>.<view> LIMIT 10");
  });
});
