// The domain-slug rule, once: a DNS label (lowercase letters, digits and dashes, starting and ending with
// a letter or digit, at most 63 characters). Product names follow the same shape. Every check of a slug
// (forms, URLs, policies, product specs, the OIDC group map) uses these.
import { z } from "zod";

/** The shape alone; length is checked apart (SLUG_MAX_LENGTH) where a form says which one is wrong. */
export const SLUG_PATTERN = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
export const SLUG_MAX_LENGTH = 63;
/** Shape and length in one pattern, for checks that take a single RegExp. */
export const DOMAIN_SLUG = new RegExp(`^(?=.{1,${SLUG_MAX_LENGTH}}$)${SLUG_PATTERN.source.slice(1)}`);

export function isDomainSlug(value: unknown): value is string {
  return typeof value === "string" && value.length <= SLUG_MAX_LENGTH && SLUG_PATTERN.test(value);
}

const NEW_SLUG_MESSAGE = "Use lowercase letters, digits and dashes, starting with a letter.";

/** A new domain's slug (the domain form): the rule above, and also starting with a letter, 2–40 characters. */
export const newDomainSlugSchema = z
  .string()
  .trim()
  .min(2, "Use at least 2 characters.")
  .max(40, "Use at most 40 characters.")
  .refine((s) => /^[a-z]/.test(s) && s.length >= 2 && SLUG_PATTERN.test(s), NEW_SLUG_MESSAGE);
