import { z } from "zod";
import { newDomainSlugSchema } from "@/lib/validation/slug";

export const domainSchema = z.object({
  slug: newDomainSlugSchema,
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
