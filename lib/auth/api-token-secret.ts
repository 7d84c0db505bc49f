// API token secrets (pure): 32 random bytes behind a recognisable prefix, so secret scanners and people
// can tell a Meshport token from other strings; only the SHA-256 of the whole secret is ever stored.
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { isDomainSlug } from "@/lib/validation/slug";

export const TOKEN_PREFIX = "mp_";
/** mp_ + 43 base64url characters (256 bits). */
export const TOKEN_PATTERN = /^mp_[A-Za-z0-9_-]{43}$/;
export const TOKEN_SCOPES = ["read", "write"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];
export const MAX_TOKEN_DAYS = 365;
export const DEFAULT_RATE_LIMIT = 600;

export function generateTokenSecret(): string {
  return TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

export function hashTokenSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** What lists show of a token: the prefix and the first 6 characters of the random part. */
export function displayPrefix(secret: string): string {
  return secret.slice(0, TOKEN_PREFIX.length + 6);
}

/** `Authorization: Bearer mp_…` → the secret; null when the header is absent; "malformed" otherwise. */
export function bearerSecret(header: string | null): string | null | "malformed" {
  if (header === null) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m || !TOKEN_PATTERN.test(m[1])) return "malformed";
  return m[1];
}

/** Seconds until the current one-minute rate window ends (at least 1). */
export function retryAfterSeconds(windowStart: Date, now: Date = new Date()): number {
  return Math.max(1, Math.ceil((windowStart.getTime() + 60_000 - now.getTime()) / 1000));
}

const domainList = z
  .array(z.string().trim())
  .max(50, "At most 50 domains.")
  .refine((list) => list.every(isDomainSlug), "Use domain slugs (lowercase letters, digits, dashes).");

export const createTokenSchema = z
  .object({
    name: z.string().trim().min(1, "Give the token a name.").max(80, "At most 80 characters."),
    kind: z.enum(["personal", "service"]).default("personal"),
    /** The owning domain of a service account. */
    serviceDomain: z.string().trim().optional(),
    scopes: z.array(z.enum(TOKEN_SCOPES)).min(1, "Choose at least one scope."),
    domains: domainList.default([]),
    expiresInDays: z.coerce.number().int("Whole days.").min(1, "At least 1 day.").max(MAX_TOKEN_DAYS, `At most ${MAX_TOKEN_DAYS} days.`),
    rateLimit: z.coerce.number().int().min(1).max(100_000).default(DEFAULT_RATE_LIMIT),
  })
  .superRefine((v, ctx) => {
    if (v.kind === "service" && !isDomainSlug(v.serviceDomain ?? ""))
      ctx.addIssue({ code: "custom", path: ["serviceDomain"], message: "Choose the domain that owns the service account." });
  });
export type CreateTokenInput = z.input<typeof createTokenSchema>;
