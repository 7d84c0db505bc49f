import { describe, expect, it } from "vitest";
import { fitIdentifier, identifierPart, quoteIdent, roleNameFor, schemaNameFor, tableNameFor, deploymentLockKey } from "./naming";

describe("naming", () => {
  it("names schemas per product and environment with dashes as underscores", () => {
    expect(schemaNameFor("sales", "customer-data-product", "production")).toBe("dp_sales_customer_data_product");
    expect(schemaNameFor("sales", "orders", "staging")).toBe("dp_sales_orders__staging");
    expect(roleNameFor("dp_sales_orders", "data-analyst")).toBe("dp_sales_orders_data_analyst");
  });

  it("keeps every name within 63 bytes and distinct when truncated", () => {
    const long = "a".repeat(60);
    const a = schemaNameFor("finance", `${long}-one`, "production");
    const b = schemaNameFor("finance", `${long}-two`, "production");
    expect(a.length).toBeLessThanOrEqual(63);
    expect(b.length).toBeLessThanOrEqual(63);
    expect(a).not.toBe(b);
    expect(fitIdentifier("short")).toBe("short");
    expect(roleNameFor(a, "data_consumer").length).toBeLessThanOrEqual(63);
  });

  it("names tables by major version and steps aside when the name is taken", () => {
    expect(tableNameFor("orders", "1.4.2")).toBe("orders_v1");
    expect(tableNameFor("order-lines", "2.0.0")).toBe("order_lines_v2");
    expect(tableNameFor("orders", "0.3.0", ["orders_v0"])).toBe("orders_v0_3");
    expect(tableNameFor("orders", "0.3.1", ["orders_v0", "orders_v0_3"])).toBe("orders_v0_3_1");
  });

  it("quotes identifiers, doubling embedded quotes", () => {
    expect(quoteIdent('we"ird')).toBe('"we""ird"');
    expect(identifierPart("Data--Analyst!")).toBe("data_analyst");
  });

  it("derives a stable 64-bit lock key per deployment", () => {
    expect(deploymentLockKey("x")).toBe(deploymentLockKey("x"));
    expect(deploymentLockKey("x")).not.toBe(deploymentLockKey("y"));
  });
});
