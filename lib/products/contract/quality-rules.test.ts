import { describe, expect, it } from "vitest";
import { readContract } from "./read-contract";
import { ruleProblem } from "./quality-rules";

const contractWith = (quality: unknown[]) => ({
  apiVersion: "v3.1.0",
  kind: "DataContract",
  id: "quality-rules-test",
  version: "1.0.0",
  status: "active",
  schema: [{ name: "orders", properties: [{ name: "status", logicalType: "string", quality }] }],
});

describe("quality rules checked at save", () => {
  it("refuses an invalid pattern with its path and a clear message", () => {
    const read = readContract(contractWith([{ metric: "invalidValues", arguments: { pattern: "([a-z" }, mustBe: 0 }]));
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.errors[0].path).toBe("schema[0].properties[0].quality[0].arguments");
    expect(read.errors[0].message).toMatch(/not a valid regular expression/);
  });

  it("refuses patterns PostgreSQL cannot run", () => {
    expect(ruleProblem({ metric: "invalidValues", arguments: { pattern: "(?<=a)b" } })?.message).toMatch(/lookbehind/);
  });

  it("refuses an sql rule that writes, chains statements or invents placeholders", () => {
    expect(ruleProblem({ type: "sql", query: "SELECT count(*) FROM ${table}; DROP TABLE x" })?.message).toMatch(/one statement/);
    expect(ruleProblem({ type: "sql", query: "DELETE FROM ${table}" })?.message).toMatch(/single SELECT/);
    expect(ruleProblem({ type: "sql", query: "SELECT pg_sleep(10) FROM ${table}" })?.message).toMatch(/may only read/);
    expect(ruleProblem({ type: "sql", query: "SELECT count(*) FROM ${user_input}" })?.message).toMatch(/not a placeholder/);
  });

  it("accepts values with quotes (they are parameters) and a plain SELECT rule", () => {
    expect(ruleProblem({ metric: "invalidValues", arguments: { validValues: ["o'k", "new"] } })).toBeNull();
    expect(ruleProblem({ type: "sql", query: "SELECT count(*) FROM ${table} WHERE ${column} < 0" })).toBeNull();
    expect(readContract(contractWith([{ metric: "invalidValues", arguments: { pattern: "^[a-z]+$" }, mustBe: 0 }])).ok).toBe(true);
  });
});
