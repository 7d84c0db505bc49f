// Inputs of the provisioning forms (hidden product reference, environment, confirmation boxes).
import { z } from "zod";
import { SLUG_MAX_LENGTH, SLUG_PATTERN } from "@/lib/validation/slug";

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
