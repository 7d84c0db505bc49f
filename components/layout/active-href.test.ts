import { describe, expect, it } from "vitest";
import { activeHref } from "./active-href";

const items = [{ href: "/" }, { href: "/access" }, { href: "/access/inbox" }, { href: "/metrics" }];

describe("activeHref", () => {
  it("marks the most specific entry for the path", () => {
    expect(activeHref(items, "/access/inbox")).toBe("/access/inbox");
    expect(activeHref(items, "/access")).toBe("/access");
    expect(activeHref(items, "/metrics/domains/sales")).toBe("/metrics");
    expect(activeHref(items, "/")).toBe("/");
  });
  it("matches whole path segments only, and nothing for unknown paths", () => {
    expect(activeHref(items, "/accessories")).toBeUndefined();
    expect(activeHref(items, "/catalog")).toBeUndefined();
  });
});
