import { describe, expect, it } from "vitest";
import { auditFilterParams, parseAuditQuery, parseTime } from "./query";

describe("parseAuditQuery", () => {
  it("reads filters and a cursor", () => {
    const q = parseAuditQuery({
      subject: " sam ",
      resource: "sales/orders",
      action: "read",
      decision: "deny",
      from: "2026-11-01",
      to: "2026-11-02T10:15",
      before: "120",
    });
    expect(q.errors).toEqual({});
    expect(q.filters).toEqual({
      subject: "sam",
      resource: "sales/orders",
      action: "read",
      decision: "deny",
      from: new Date("2026-11-01T00:00:00Z"),
      to: new Date("2026-11-02T10:15:59.999Z"),
    });
    expect(q.cursor).toEqual({ before: 120n });
  });

  it("reports bad values against their field and drops only them", () => {
    const q = parseAuditQuery({ subject: "sam", decision: "maybe", from: "yesterday", before: "1; DROP TABLE" });
    expect(q.filters).toEqual({ subject: "sam" });
    expect(Object.keys(q.errors).sort()).toEqual(["before", "decision", "from"]);
  });

  it("refuses an end before the start", () => {
    const q = parseAuditQuery({ from: "2026-11-05", to: "2026-11-01" });
    expect(q.errors.to).toEqual(["The end must not be before the start."]);
    expect(q.filters.to).toBeUndefined();
  });

  it("ignores empty parameters and round-trips its own links", () => {
    const q = parseAuditQuery({ subject: "", decision: "allow", from: "2026-11-01T08:00Z" });
    expect(q.filters).toEqual({ decision: "allow", from: new Date("2026-11-01T08:00:00Z") });
    expect(parseAuditQuery(auditFilterParams(q.filters)).filters).toEqual(q.filters);
  });
});

describe("parseTime", () => {
  it("treats times without a zone as UTC and rejects other text", () => {
    expect(parseTime("2026-11-27T14:30")).toEqual(new Date("2026-11-27T14:30:00Z"));
    expect(parseTime("2026-11-27T14:30:00+02:00")).toEqual(new Date("2026-11-27T12:30:00Z"));
    expect(parseTime("2026-02-30")).toBeNull();
    expect(parseTime("now")).toBeNull();
  });
});
