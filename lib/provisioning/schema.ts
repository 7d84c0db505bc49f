// Inputs of the provisioning forms (hidden product reference, environment, confirmation boxes).
import { z } from "zod";

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

export const productRefSchema = z.object({
  domain: z.string().regex(DNS_LABEL, "Unknown domain").max(63),
  name: z.string().regex(DNS_LABEL, "Unknown product").max(63),
});

export const environmentSchema = z.enum(["staging", "production"], { message: "Choose staging or production" });

/** An HTML checkbox: "on" when ticked, absent otherwise. */
export const confirmSchema = z
  .union([z.literal("on"), z.literal("true"), z.null(), z.undefined()])
  .transform((v) => v === "on" || v === "true");

export const jobIdSchema = z.uuid("Unknown job");
