// Standard Webhooks signing (https://www.standardwebhooks.com): the secret is `whsec_` + base64 key; the
// signature is HMAC-SHA256 over `${webhook-id}.${webhook-timestamp}.${body}`, sent as `v1,<base64>`.
import { createHmac, randomBytes } from "node:crypto";

export const SECRET_PREFIX = "whsec_";

/** A new signing secret: 32 random bytes. */
export function generateWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString("base64");
}

function keyOf(secret: string): Buffer {
  return Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, "base64");
}

/** `v1,<base64 HMAC-SHA256>` of one message. `timestamp` is in whole seconds since the epoch. */
export function signWebhook(secret: string, msgId: string, timestamp: number, body: string): string {
  const mac = createHmac("sha256", keyOf(secret)).update(`${msgId}.${timestamp}.${body}`).digest("base64");
  return `v1,${mac}`;
}

/** The three headers a receiver verifies, plus the content type. */
export function webhookHeaders(secret: string, msgId: string, body: string, now: Date = new Date()): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    "content-type": "application/json",
    "webhook-id": msgId,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": signWebhook(secret, msgId, timestamp, body),
  };
}
