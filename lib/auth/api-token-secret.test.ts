import { describe, expect, it } from "vitest";
import {
  bearerSecret,
  createTokenSchema,
  displayPrefix,
  generateTokenSecret,
  hashTokenSecret,
  retryAfterSeconds,
  TOKEN_PATTERN,
} from "./api-token-secret";

describe("API token secrets", () => {
  it("are 256 random bits behind mp_, hashed with SHA-256, shown by a short prefix", () => {
    const a = generateTokenSecret();
    expect(a).toMatch(TOKEN_PATTERN);
    expect(generateTokenSecret()).not.toBe(a);
    expect(hashTokenSecret(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashTokenSecret(a)).toBe(hashTokenSecret(a));
    expect(displayPrefix(a)).toBe(a.slice(0, 9));
  });

  it("reads only a well-formed bearer header", () => {
    const s = generateTokenSecret();
    expect(bearerSecret(null)).toBeNull();
    expect(bearerSecret(`Bearer ${s}`)).toBe(s);
    expect(bearerSecret(`bearer  ${s} `)).toBe(s);
    expect(bearerSecret("Basic abc")).toBe("malformed");
    expect(bearerSecret(`Bearer ${s}x`)).toBe("malformed");
  });

  it("tells how long until the minute window ends", () => {
    expect(retryAfterSeconds(new Date("2026-01-01T00:00:00Z"), new Date("2026-01-01T00:00:45.2Z"))).toBe(15);
    expect(retryAfterSeconds(new Date("2026-01-01T00:00:00Z"), new Date("2026-01-01T00:01:30Z"))).toBe(1);
  });

  it("requires a name, a scope, 1–365 days and a domain for service accounts", () => {
    expect(createTokenSchema.safeParse({ name: "ci", scopes: ["read"], expiresInDays: "30" }).success).toBe(true);
    const bad = createTokenSchema.safeParse({ name: "", scopes: [], expiresInDays: 400, kind: "service", domains: ["Not A Slug"] });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path[0]).sort()).toEqual(["domains", "expiresInDays", "name", "scopes", "serviceDomain"]);
  });
});
