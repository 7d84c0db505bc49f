// Input of the consumer features (access requests, ratings), shared by the forms and the services.
import { z } from "zod";

export const requestAccessSchema = z.object({
  productId: z.uuid("Unknown product."),
  purpose: z
    .string()
    .trim()
    .min(10, "Say in a sentence or two what you need the data for (at least 10 characters).")
    .max(1000, "Keep the purpose under 1000 characters."),
});

export const decideAccessSchema = z.object({
  requestId: z.uuid("Unknown request."),
  decision: z.enum(["approve", "deny"], "Choose approve or deny."),
  note: z.string().trim().max(1000, "Keep the note under 1000 characters.").default(""),
  /** How long the grant lasts; the policy's max_duration when empty, and never longer. */
  days: z.preprocess(
    (v) => (v === "" || v === null ? undefined : v),
    z.coerce
      .number("Give the number of days.")
      .int("Give a whole number of days.")
      .min(1, "At least 1 day.")
      .max(3660, "At most 10 years.")
      .optional(),
  ),
});

export const sqlCredentialsSchema = z.object({ grantId: z.uuid("Unknown grant.") });

// Revoking cuts a consumer off at once and cannot be undone (they must ask again): a reason is required.
export const revokeAccessSchema = z.object({
  requestId: z.uuid("Unknown request."),
  note: z
    .string("Give a reason for revoking this access.")
    .trim()
    .min(1, "Give a reason for revoking this access: the requester sees it, and it is kept in the audit log.")
    .max(1000, "Keep the reason under 1000 characters."),
});

export const rateProductSchema = z.object({
  productId: z.uuid("Unknown product."),
  score: z.coerce
    .number("Pick a rating from 1 to 5.")
    .int("Pick a rating from 1 to 5.")
    .min(1, "Pick a rating from 1 to 5.")
    .max(5, "Pick a rating from 1 to 5."),
  review: z.string().trim().max(2000, "Keep the review under 2000 characters.").default(""),
});
