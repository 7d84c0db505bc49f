import { describe, expect, it } from "vitest";
import { auditCsvHeader, auditCsvLine } from "./csv";

describe("audit CSV", () => {
  it("writes a header and one CRLF line per event", () => {
    expect(auditCsvHeader()).toBe("id,at,subject,action,resource,decision,reason,policy_id,policy_version,request_id\r\n");
    const line = auditCsvLine({
      id: "7",
      at: "2026-11-27T10:00:00.000Z",
      subject: "=cmd|' /C calc'!A0",
      action: "read",
      resource: "data_product:sales/orders",
      decision: "deny",
      reason: "None of x's roles, sadly",
      policyId: null,
      policyVersion: 3,
      requestId: "r-1",
    });
    expect(line).toBe(
      `7,2026-11-27T10:00:00.000Z,'=cmd|' /C calc'!A0,read,data_product:sales/orders,deny,"None of x's roles, sadly",,3,r-1\r\n`,
    );
  });
});
