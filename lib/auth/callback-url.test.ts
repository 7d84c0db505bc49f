import { describe, expect, it } from "vitest";
import { safeCallbackUrl, safeRedirect } from "./callback-url";

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

describe("safeRedirect (the sign-in API's callbackUrl)", () => {
  const base = "http://localhost:3000";
  it("keeps a same-origin URL or path", () => {
    expect(safeRedirect("/catalog?q=x", base)).toBe(`${base}/catalog?q=x`);
    expect(safeRedirect(`${base}/products/sales/orders`, base)).toBe(`${base}/products/sales/orders`);
  });
  it("sends control characters, other origins and slash tricks home", () => {
    for (const url of [
      "/catalog\u0000",
      "/catalog\n",
      "https://evil.example/",
      "//evil.example",
      "/\\evil.example",
      `${base}//evil.example`,
      "javascript:alert(1)",
    ]) {
      expect(safeRedirect(url, base)).toBe(`${base}/`);
    }
  });
});
