import { describe, expect, it } from "vitest";
import { flashMessage, withFlash } from "./flash";

describe("withFlash", () => {
  it("adds the code as the first or a further query parameter", () => {
    expect(withFlash("/products/sales/orders", "saved")).toBe("/products/sales/orders?flash=saved");
    expect(withFlash("/access/inbox?status=pending", "access-approved")).toBe("/access/inbox?status=pending&flash=access-approved");
  });
  it("keeps a fragment after the query", () => {
    expect(withFlash("/a#b", "saved")).toBe("/a?flash=saved#b");
  });
});

describe("flashMessage", () => {
  it("has a sentence for each known code", () => {
    expect(flashMessage("registered")).toMatch(/registered/);
    expect(flashMessage("access-denied")).toMatch(/denied/);
  });
  it("says nothing for unknown or inherited codes", () => {
    expect(flashMessage("<script>")).toBeUndefined();
    expect(flashMessage("toString")).toBeUndefined();
    expect(flashMessage(null)).toBeUndefined();
  });
});
