// Input shapes of the notification services (pure), shared by forms and services.
import { z } from "zod";
import { EVENT_TYPES } from "./types";

export const webhookSubscriptionSchema = z.object({
  url: z.string().trim().min(1, "Enter the URL that receives the events.").max(2000, "At most 2,000 characters."),
  /** "mesh" for every domain, else a domain slug. */
  scope: z.string().trim().min(1, "Choose a domain or the whole mesh."),
  eventTypes: z.array(z.enum(EVENT_TYPES, "Unknown event type.")).min(1, "Choose at least one event type."),
  description: z.string().trim().max(200, "At most 200 characters.").default(""),
});
export type WebhookSubscriptionInput = z.input<typeof webhookSubscriptionSchema>;

export const preferencesSchema = z.object({
  inApp: z.array(z.enum(EVENT_TYPES)),
  email: z.array(z.enum(EVENT_TYPES)),
});

export const idSchema = z.uuid("Unknown item.");
