import { describe, expect, it } from "vitest";
import { checkWebhookUrl, portalHostKeys } from "./webhook-url";

const portal = portalHostKeys(["https://meshport.example.com", "localhost:3000", undefined]);

describe("webhook URL rule", () => {
  it("accepts http and https endpoints elsewhere", () => {
    expect(checkWebhookUrl("https://hooks.example.org/meshport", portal)).toBeNull();
    expect(checkWebhookUrl("http://127.0.0.1:8080/in", portal)).toBeNull();
    expect(checkWebhookUrl("https://meshport.example.com:8443/x", portal)).toBeNull();
  });

  it("refuses other schemes and what is not a URL", () => {
    for (const bad of ["ftp://example.org/x", "file:///etc/passwd", "javascript:alert(1)", "gopher://x", "example.org/hook", ""])
      expect(checkWebhookUrl(bad, portal), bad).toMatch(/http|full URL/);
  });

  it("refuses the portal itself: its public URL and the address it was reached at, loopback names alike", () => {
    for (const self of [
      "https://meshport.example.com/api/v1/domains",
      "https://MESHPORT.example.com./x",
      "https://meshport.example.com:443/x",
      "http://localhost:3000/api/ingest",
      "http://127.0.0.1:3000/x",
      "http://[::1]:3000/x",
    ])
      expect(checkWebhookUrl(self, portal), self).toMatch(/portal itself/);
  });

  it("refuses credentials in the URL", () => {
    expect(checkWebhookUrl("https://user:pw@hooks.example.org/", portal)).toMatch(/password/);
  });
});
