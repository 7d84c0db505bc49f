import { describe, expect, it } from "vitest";
import {
  fitIdentifier,
  identifierPart,
  quoteIdent,
  roleNameFor,
  schemaNameFor,
  schemaOwnedBy,
  schemaOwnerComment,
  tableNameFor,
  deploymentLockKey,
} from "./naming";

const HASHED = /_[0-9a-f]{12}$/;

describe("naming", () => {
  it("names schemas per product and environment: a readable prefix, then a hash of the exact identity", () => {
    const production = schemaNameFor("sales", "customer-data-product", "production");
    expect(production).toMatch(/^dp_sales_customer_data_product_[0-9a-f]{12}$/);
    expect(schemaNameFor("sales", "orders", "staging")).toMatch(/^dp_sales_orders__staging_[0-9a-f]{12}$/);
    expect(schemaNameFor("sales", "customer-data-product", "production")).toBe(production);
    // A role: the schema's readable part, the access role, then a hash over (database, schema, access role).
    expect(roleNameFor(production, "data-analyst", "meshport")).toMatch(/^dp_sales_customer_data_product_data_analyst_[0-9a-f]{12}$/);
    expect(roleNameFor(production, "data-analyst", "meshport")).toBe(roleNameFor(production, "data-analyst", "meshport"));
  });

  it("gives the same product in two databases of one cluster different roles (roles are cluster-wide, schemas are not)", () => {
    const schema = schemaNameFor("finance", "expense-claims", "staging");
    const one = roleNameFor(schema, "data_consumer", "meshport");
    const two = roleNameFor(schema, "data_consumer", "meshport_test_1a2b");
    expect(one.replace(HASHED, "")).toBe("dp_finance_expense_claims__staging_data_consumer");
    expect(two.replace(HASHED, "")).toBe("dp_finance_expense_claims__staging_data_consumer");
    expect(one).not.toBe(two);
  });

  it("gives the probe pair marketing/sp-probe-owner and marketing-sp/probe-owner different schemas (and roles)", () => {
    // Both read dp_marketing_sp_probe_owner: only the hash tells them apart.
    for (const env of ["staging", "production"] as const) {
      const a = schemaNameFor("marketing", "sp-probe-owner", env);
      const b = schemaNameFor("marketing-sp", "probe-owner", env);
      expect(a.replace(HASHED, "")).toBe(b.replace(HASHED, ""));
      expect(a).not.toBe(b);
      expect(roleNameFor(a, "data_consumer", "meshport")).not.toBe(roleNameFor(b, "data_consumer", "meshport"));
    }
  });

  it("keeps every pair that maps to the same readable name apart", () => {
    const pairs: [string, string, string, string][] = [
      ["marketing", "sp-probe-owner", "marketing-sp", "probe-owner"],
      ["a", "b-c", "a-b", "c"],
      ["a-b-c", "d", "a", "b-c-d"],
      ["x", "a--b", "x", "a-b"], // dashes collapse: both read dp_x_a_b
      ["x", "staging", "x-staging", "x"],
    ];
    for (const [d1, p1, d2, p2] of pairs) {
      expect(schemaNameFor(d1, p1, "production")).not.toBe(schemaNameFor(d2, p2, "production"));
      expect(schemaNameFor(d1, p1, "staging")).not.toBe(schemaNameFor(d2, p2, "staging"));
    }
    expect(schemaNameFor("a", "b", "staging")).not.toBe(schemaNameFor("a", "b", "production"));
  });

  it("fits 63 bytes by shortening the readable part, never the hash", () => {
    const label = "a".repeat(63);
    for (const env of ["staging", "production"] as const) {
      const one = schemaNameFor(label, `${"b".repeat(60)}-one`, env);
      const two = schemaNameFor(label, `${"b".repeat(60)}-two`, env);
      expect(Buffer.byteLength(one)).toBeLessThanOrEqual(63);
      expect(one).toMatch(HASHED);
      expect(one.startsWith(`dp_${"a".repeat(20)}`)).toBe(true);
      expect(one).not.toBe(two);
      if (env === "staging") expect(one).toMatch(/__staging_[0-9a-f]{12}$/);
      const role = roleNameFor(one, "data-consumer", "meshport");
      expect(Buffer.byteLength(role)).toBeLessThanOrEqual(63);
      // A long role name still shows the schema's start and the access role, then a hash of both.
      expect(role).toMatch(/^dp_a+_data_consumer_[0-9a-f]{12}$/);
      expect(role).not.toBe(roleNameFor(one, "data-consumer", "other"));
      expect(role).not.toBe(roleNameFor(two, "data-consumer", "meshport"));
      expect(role).not.toBe(roleNameFor(one, "data-consumer-2", "meshport"));
    }
  });

  it("tags schemas per deployment and recognises only its own tag", () => {
    const comment = schemaOwnerComment("d-1", "sales/orders (staging)");
    expect(schemaOwnedBy(comment, "d-1")).toBe(true);
    expect(schemaOwnedBy("meshport deployment d-1", "d-1")).toBe(true);
    expect(schemaOwnedBy(comment, "d-10")).toBe(false);
    expect(schemaOwnedBy(schemaOwnerComment("d-10", "x"), "d-1")).toBe(false);
    expect(schemaOwnedBy(null, "d-1")).toBe(false);
  });

  it("keeps every name within 63 bytes and distinct when truncated", () => {
    const long = "a".repeat(60);
    const a = schemaNameFor("finance", `${long}-one`, "production");
    const b = schemaNameFor("finance", `${long}-two`, "production");
    expect(a.length).toBeLessThanOrEqual(63);
    expect(b.length).toBeLessThanOrEqual(63);
    expect(a).not.toBe(b);
    expect(fitIdentifier("short")).toBe("short");
    expect(roleNameFor(a, "data_consumer", "meshport").length).toBeLessThanOrEqual(63);
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
