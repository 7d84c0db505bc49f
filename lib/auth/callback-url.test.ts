import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./callback-url";

describe("safeCallbackUrl", () => {
  it("keeps a path on this site with its query and fragment", () => {
    expect(safeCallbackUrl("/catalog?q=orders#top")).toBe("/catalog?q=orders#top");
    expect(safeCallbackUrl("/products/sales/orders")).toBe("/products/sales/orders");
  });
  it("sends everything else home", () => {
    for (const bad of [
      undefined,
      "",
      "https://evil.example/",
      "//evil.example/x",
      "/\\evil.example",
      "\\\\evil.example",
      "javascript:alert(1)",
      "catalog",
      "/catalog\n",
      "/a\r\nSet-Cookie: x=1",
      "/a\u0000b",
      "/a\tb",
      "/" + "a".repeat(2001),
    ]) {
      expect(safeCallbackUrl(bad), JSON.stringify(bad)).toBe("/");
    }
  });
});
