import { describe, expect, it } from "vitest";
import { checkMoveDetails } from "./lifecycle";

const TODAY = "2026-12-02";

describe("checkMoveDetails", () => {
  it("asks for a reason and a future sunset date to deprecate", () => {
    const r = checkMoveDetails("deprecated", { note: "  ", sunsetOn: "" }, TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(["note", "sunsetOn"]);
  });

  it.each(["2026-12-02", "2026-01-01", "2027-02-30", "01/03/2027", "tomorrow"])("refuses the sunset date %s", (sunsetOn) => {
    const r = checkMoveDetails("deprecated", { note: "Superseded by orders-v2", sunsetOn }, TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.sunsetOn).toHaveLength(1);
  });

  it("accepts a reason with a later date and keeps both", () => {
    expect(checkMoveDetails("deprecated", { note: " Superseded ", sunsetOn: "2026-12-03" }, TODAY)).toEqual({
      ok: true,
      details: { note: "Superseded", sunsetOn: "2026-12-03" },
    });
  });

  it("asks retiring for a reason but no date", () => {
    expect(checkMoveDetails("retired", { note: "" }, TODAY).ok).toBe(false);
    expect(checkMoveDetails("retired", { note: "No consumers left", sunsetOn: "2020-01-01" }, TODAY)).toEqual({
      ok: true,
      details: { note: "No consumers left", sunsetOn: null },
    });
  });

  it("leaves other moves' note optional", () => {
    expect(checkMoveDetails("published", {}, TODAY)).toEqual({ ok: true, details: { note: "", sunsetOn: null } });
  });

  it("refuses a note over 1000 characters on any move", () => {
    for (const to of ["published", "retired"] as const) {
      const r = checkMoveDetails(to, { note: "x".repeat(1001) }, TODAY);
      expect(r.ok ? null : r.errors.note).toEqual(["Keep the note under 1000 characters."]);
    }
    expect(checkMoveDetails("published", { note: "x".repeat(1000) }, TODAY).ok).toBe(true);
  });
});
