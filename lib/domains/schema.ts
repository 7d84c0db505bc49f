import { z } from "zod";

export const domainSchema = z.object({
  slug: z
    .string()
    .trim()
    .min(2, "Use at least 2 characters.")
    .max(40, "Use at most 40 characters.")
    .regex(/^[a-z][a-z0-9-]*[a-z0-9]$/, "Use lowercase letters, digits and dashes, starting with a letter."),
  name: z.string().trim().min(2, "Give the domain a name.").max(80),
  description: z.string().trim().max(1000).default(""),
  ownerTeam: z.email("The owner team must be an email address, e.g. sales-team@company.com."),
  status: z.enum(["onboarded", "not_onboarded"]).default("onboarded"),
});

export type DomainInput = z.infer<typeof domainSchema>;

export const memberSchema = z.object({
  email: z.email("Enter the member's email address."),
  role: z.enum(["owner", "producer", "viewer"], { message: "Choose owner, producer or viewer." }),
});
