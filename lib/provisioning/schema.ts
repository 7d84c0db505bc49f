// Inputs of the provisioning forms (hidden product reference, environment, confirmation boxes).
import { z } from "zod";
import { SLUG_MAX_LENGTH, SLUG_PATTERN } from "@/lib/validation/slug";
import { ValidationError } from "@/lib/errors";

export const productRefSchema = z.object({
  domain: z.string().regex(SLUG_PATTERN, "Unknown domain").max(SLUG_MAX_LENGTH),
  name: z.string().regex(SLUG_PATTERN, "Unknown product").max(SLUG_MAX_LENGTH),
});

export const environmentSchema = z.enum(["staging", "production"], { message: "Choose staging or production" });

/** An HTML checkbox: "on" when ticked, absent otherwise. */
export const confirmSchema = z
  .union([z.literal("on"), z.literal("true"), z.null(), z.undefined()])
  .transform((v) => v === "on" || v === "true");

export const jobIdSchema = z.uuid("Unknown job");

// The services check what they are given with these, whoever calls them (a form's hidden inputs, a
// script): a tampered value is bad input with the form's message, never a server fault.

export function parseProductRef(input: { domain?: unknown; name?: unknown }): { domain: string; name: string } {
  const r = productRefSchema.safeParse({ domain: input.domain, name: input.name });
  if (!r.success) throw new ValidationError("This data product does not exist.");
  return r.data;
}

export function parseEnvironment(input: unknown): z.infer<typeof environmentSchema> {
  const r = environmentSchema.safeParse(input);
  if (!r.success) throw new ValidationError("Choose staging or production.", { environment: [r.error.issues[0].message] });
  return r.data;
}

/** A confirmation box as the form sends it ("on", or absent), or a boolean from code. */
export function parseConfirmed(input: unknown): boolean {
  if (typeof input === "boolean") return input;
  const r = confirmSchema.safeParse(input);
  if (!r.success) throw new ValidationError("Tick the box to confirm.", { confirm: ["Tick the box to confirm."] });
  return r.data;
}

export function parseJobId(input: unknown): string {
  const r = jobIdSchema.safeParse(input);
  if (!r.success) throw new ValidationError("This provisioning job does not exist.");
  return r.data;
}
