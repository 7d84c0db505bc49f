import { describe, expect, it } from "vitest";
import { AUDIT_LIMITS, boundAuditContext, boundAuditText } from "@/lib/audit/entry";

const garbage = `${"A\u0000\n\u202e".repeat(1500)}`; // 6 000 characters with NUL, newline, bidi override

describe("boundAuditText", () => {
  it("cuts every column to its limit and removes control characters", () => {
    const out = boundAuditText({
      subject: garbage,
      action: garbage,
      resource: `policy:${garbage}`,
      reason: garbage,
      policyId: garbage,
      requestId: garbage,
    });
    for (const key of ["subject", "action", "resource", "reason", "policyId", "requestId"] as const) {
      const value = out[key] as string;
      expect(Array.from(value).length).toBeLessThanOrEqual(AUDIT_LIMITS[key]);
      expect(value).not.toMatch(/[\u0000-\u001f\u202e]/);
    }
  });

  it("leaves ordinary entries as they are", () => {
    const entry = {
      subject: "ana@example.com",
      action: "export_policy",
      resource: "policy:sales-governance",
      reason: "Not signed in.",
      policyId: "portal-permissions",
      requestId: null,
    };
    expect(boundAuditText(entry)).toEqual(entry);
  });
});

describe("boundAuditContext", () => {
  it("bounds strings, keys, depth and keeps JSON-safe values", () => {
    const deep = { a: { b: { c: { d: { e: "too deep" } } } } };
    const out = boundAuditContext({ text: garbage, n: Number.NaN, big: 10n, when: new Date(0), deep, skip: undefined, fn: () => 1 });
    expect((out.text as string).length).toBeLessThanOrEqual(AUDIT_LIMITS.contextText);
    expect(out.text).not.toContain("\u0000");
    expect(out.n).toBeNull();
    expect(out.big).toBe("10");
    expect(out.when).toBe("1970-01-01T00:00:00.000Z");
    expect(JSON.stringify(out.deep)).toBe('{"a":{"b":{"c":"…"}}}');
    expect("skip" in out || "fn" in out).toBe(false);
  });

  it("keeps a __proto__ key as data without touching the prototype", () => {
    const input = JSON.parse('{"__proto__": {"polluted": 1}}') as Record<string, unknown>;
    const out = boundAuditContext(input);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.stringify(out)).toBe('{"__proto__":{"polluted":1}}');
  });

  it("replaces a context that is still too large by a note", () => {
    const wide = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, "x".repeat(300)]));
    expect(boundAuditContext(wide)).toEqual({ truncated: true, bytes: expect.any(Number) });
  });
});
