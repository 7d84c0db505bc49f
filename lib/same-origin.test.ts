import { describe, expect, it } from "vitest";
import { isSameOrigin } from "@/lib/same-origin";

const req = (headers: Record<string, string>) => new Request("http://portal.test/api/x", { method: "POST", headers });

describe("isSameOrigin", () => {
  it("accepts the portal's own origin, also behind a proxy", () => {
    expect(isSameOrigin(req({ origin: "http://portal.test", host: "portal.test" }))).toBe(true);
    expect(isSameOrigin(req({ origin: "https://mesh.example.com", host: "10.0.0.5:3000", "x-forwarded-host": "mesh.example.com" }))).toBe(
      true,
    );
  });
  it("refuses another site, a malformed origin, and a request that says nothing", () => {
    expect(isSameOrigin(req({ origin: "https://evil.example", host: "portal.test" }))).toBe(false);
    expect(isSameOrigin(req({ origin: "null", host: "portal.test" }))).toBe(false);
    expect(isSameOrigin(req({ host: "portal.test" }))).toBe(false);
    expect(isSameOrigin(req({ host: "portal.test", "sec-fetch-site": "same-origin" }))).toBe(true);
    expect(isSameOrigin(req({ host: "portal.test", "sec-fetch-site": "cross-site" }))).toBe(false);
  });
});
