import { describe, expect, it } from "vitest";
import { auditCsvHeader, auditCsvLine, csvCell } from "./audit-csv";

describe("csvCell", () => {
  it("neutralises spreadsheet formulas", () => {
    expect(csvCell("=HYPERLINK(\"http://evil\")")).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell("+1+1")).toBe("'+1+1");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\t=1")).toBe("'\t=1");
    expect(csvCell("  =1")).toBe("'  =1");
  });

  it("quotes separators, quotes and line breaks, and leaves plain text alone", () => {
    expect(csvCell("a,b")).toBe(`"a,b"`);
    expect(csvCell('say "hi"')).toBe(`"say ""hi"""`);
    expect(csvCell("line\nbreak")).toBe(`"line\nbreak"`);
    expect(csvCell("sam@meshport.local")).toBe("sam@meshport.local");
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell(null)).toBe("");
    expect(csvCell(3)).toBe("3");
  });
});

describe("audit CSV", () => {
  it("writes a header and one CRLF line per event", () => {
    expect(auditCsvHeader()).toBe("id,at,subject,action,resource,decision,reason,policy_id,policy_version,request_id\r\n");
    const line = auditCsvLine({
      id: "7", at: "2026-11-27T10:00:00.000Z", subject: "=cmd|' /C calc'!A0", action: "read", resource: "data_product:sales/orders",
      decision: "deny", reason: "None of x's roles, sadly", policyId: null, policyVersion: 3, requestId: "r-1",
    });
    expect(line).toBe(`7,2026-11-27T10:00:00.000Z,'=cmd|' /C calc'!A0,read,data_product:sales/orders,deny,"None of x's roles, sadly",,3,r-1\r\n`);
  });
});
