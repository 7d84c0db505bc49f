import { createHmac, timingSafeEqual } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateWebhookSecret, signWebhook, webhookHeaders } from "./signing";

describe("Standard Webhooks signing", () => {
  it("matches the specification's published test vector", () => {
    // From the Standard Webhooks reference libraries' tests.
    const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    expect(signWebhook(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, '{"test": 2432232314}')).toBe(
      "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
    );
  });

  it("headers carry id, whole-second timestamp and a signature a receiver recomputes", () => {
    const secret = generateWebhookSecret();
    const body = JSON.stringify({ type: "access.requested", data: { a: 1 } });
    const h = webhookHeaders(secret, "msg_1", body, new Date("2026-12-04T10:00:00.900Z"));
    expect(h["webhook-id"]).toBe("msg_1");
    expect(h["webhook-timestamp"]).toBe(String(Date.parse("2026-12-04T10:00:00Z") / 1000));
    const key = Buffer.from(secret.slice("whsec_".length), "base64");
    const expected = createHmac("sha256", key).update(`msg_1.${h["webhook-timestamp"]}.${body}`).digest();
    const [version, sig] = h["webhook-signature"].split(",");
    expect(version).toBe("v1");
    expect(timingSafeEqual(Buffer.from(sig, "base64"), expected)).toBe(true);
  });

  it("a secret is whsec_ + 32 random bytes in base64, different every time", () => {
    const a = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(a.slice(6), "base64")).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(a);
  });

  it("a changed body, id or timestamp changes the signature", () => {
    const s = generateWebhookSecret();
    const base = signWebhook(s, "m", 1, "{}");
    expect(signWebhook(s, "m", 1, "{ }")).not.toBe(base);
    expect(signWebhook(s, "n", 1, "{}")).not.toBe(base);
    expect(signWebhook(s, "m", 2, "{}")).not.toBe(base);
  });
});
