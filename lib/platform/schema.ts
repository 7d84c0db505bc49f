// Input schemas for the platform admin screens (product templates, processing templates, platform
// configuration). The same schemas validate on the server; YAML text areas are parsed here too.
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { ValidationError } from "@/lib/errors";
import { CLASSIFICATIONS } from "@/lib/products";
import { PROCESSING_KEY, processingConfigErrors, processingKind } from "./processing";

export const STORAGE_KINDS = ["data_lake", "stream_storage", "feature_store"] as const;
export const PROCESSING_ENGINES = ["spark", "flink", "spark_ml"] as const;
export const SERVING_KINDS = ["rest_api", "streaming_api", "feature_api"] as const;
export const GOVERNANCE_PROFILES = ["standard", "real_time", "ml_governance"] as const;

const TEMPLATE_KEY = /^[a-z][a-z0-9_-]*$/;
const TAG = /^[a-z0-9][a-z0-9_-]*$/;

/** A YAML (or JSON) mapping in a text area; empty means {}. */
const yamlMapping = (label: string) =>
  z
    .string()
    .max(20_000, `${label} must be at most 20,000 characters`)
    .transform((text, ctx) => {
      if (!text.trim()) return {} as Record<string, unknown>;
      try {
        const value: unknown = parseYaml(text);
        if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
      } catch (e) {
        ctx.addIssue({ code: "custom", message: `${label} is not valid YAML: ${(e as Error).message.split("\n")[0]}` });
        return z.NEVER;
      }
      ctx.addIssue({ code: "custom", message: `${label} must be a mapping of keys to values` });
      return z.NEVER;
    });

export const templateInputSchema = z.object({
  key: z
    .string()
    .trim()
    .min(2, "Key must be at least 2 characters")
    .max(63)
    .regex(TEMPLATE_KEY, "Key may only use lowercase letters, digits, - and _, starting with a letter"),
  name: z.string().trim().min(2, "Give the template a name").max(80),
  description: z.string().trim().max(1000).default(""),
  storage: z.enum(STORAGE_KINDS, { message: "Choose a storage kind" }),
  processing: z.enum(PROCESSING_ENGINES, { message: "Choose a processing engine" }),
  serving: z.enum(SERVING_KINDS, { message: "Choose a serving kind" }),
  governance: z.enum(GOVERNANCE_PROFILES, { message: "Choose a governance profile" }),
  processingTemplate: z.string().trim().regex(PROCESSING_KEY, "Choose a processing template"),
  processingSettings: yamlMapping("Processing settings"),
  classification: z.enum(CLASSIFICATIONS, { message: "Choose a default classification" }),
  availability: z.coerce.number().min(0, "Availability is a percentage").max(100, "Availability is a percentage"),
  latencyMs: z.coerce.number().int("Whole milliseconds").min(1, "Latency must be positive").max(3_600_000),
  freshnessMinutes: z.coerce.number().int("Whole minutes").min(1, "Freshness must be positive").max(525_600),
  tags: z
    .string()
    .default("")
    .transform((s) => [
      ...new Set(
        s
          .split(/[\s,]+/)
          .map((t) => t.trim().toLowerCase())
          .filter(Boolean),
      ),
    ])
    .pipe(z.array(z.string().max(50).regex(TAG, "Tags may only use lowercase letters, digits, - and _")).max(20, "Use at most 20 tags")),
});
export type TemplateInput = z.infer<typeof templateInputSchema>;

export const processingTemplateInputSchema = z
  .object({
    key: z
      .string()
      .trim()
      .max(63)
      .regex(PROCESSING_KEY, "Key must be etl, streaming or ml, optionally followed by -suffix (e.g. etl-hourly)"),
    name: z.string().trim().min(2, "Give the template a name").max(80),
    description: z.string().trim().max(1000).default(""),
    config: yamlMapping("Configuration"),
  })
  .superRefine((v, ctx) => {
    const kind = processingKind(v.key);
    if (!kind) return;
    for (const message of processingConfigErrors(kind, v.config)) ctx.addIssue({ code: "custom", path: ["config"], message });
  });
export type ProcessingTemplateInput = z.infer<typeof processingTemplateInputSchema>;

/** The template row's JSON columns from the form input (the seed's DataProductTemplate shape). */
export function templateColumns(input: TemplateInput) {
  return {
    name: input.name,
    description: input.description,
    config: {
      storage: input.storage,
      processing: input.processing,
      serving: input.serving,
      governance: input.governance,
      processing_template: { ...input.processingSettings, type: input.processingTemplate },
    },
    defaults: {
      classification: input.classification,
      slo: { availability: input.availability, latencyMs: input.latencyMs, freshnessMinutes: input.freshnessMinutes },
      tags: input.tags,
    },
  };
}

/**
 * The version an edit form was loaded at (the optimistic-concurrency guard), as the form sent it: a
 * whole number, or the form is stale. Without it the concurrency check would be skipped, so it fails closed.
 */
export function expectedVersionOf(input: unknown): number {
  const n = typeof input === "number" ? input : typeof input === "string" ? Number.parseInt(input, 10) : Number.NaN;
  if (!Number.isInteger(n) || n < 0) throw new ValidationError("The form is out of date; reload the page.");
  return n;
}
