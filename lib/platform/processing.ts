// The seed's ProcessingTemplate: etl / streaming / ml, each with the config keys its
// create_*_pipeline reads. A processing template's key starts with its kind ("etl", "etl-hourly"), and
// a pipeline is the template's config with the product template's overrides applied. Pure.
import { isSchedule } from "./schedule";

export const PROCESSING_KINDS = {
  etl: ["extract", "transform", "load", "schedule"],
  streaming: ["source", "processing", "sink", "checkpointing"],
  ml: ["feature_engineering", "model_training", "model_serving", "monitoring"],
} as const;
export type ProcessingKind = keyof typeof PROCESSING_KINDS;
export const PROCESSING_KEY = /^(etl|streaming|ml)(-[a-z0-9]+)*$/;

export function processingKind(key: string): ProcessingKind | null {
  const m = PROCESSING_KEY.exec(key);
  return m ? (m[1] as ProcessingKind) : null;
}

/** Problems with a processing template's config for its kind (missing keys, a bad schedule). */
export function processingConfigErrors(kind: ProcessingKind, config: Record<string, unknown>): string[] {
  const errors = PROCESSING_KINDS[kind].filter((k) => !(k in config)).map((k) => `${kind} templates need the key "${k}"`);
  if ("schedule" in config && !isSchedule(config.schedule))
    errors.push(`schedule must be one of manual, continuous, hourly, daily, weekly`);
  return errors;
}

/** Steps are a list (not a map) because their order matters and jsonb does not keep key order. */
export type PipelineStep = { name: string; config: unknown };
export type PipelineDefinition = {
  type: ProcessingKind;
  templateKey: string;
  templateVersion: number;
  schedule: string;
  steps: PipelineStep[];
};

/**
 * The seed's create_etl/streaming/ml_pipeline: every key of the kind, taken from the overrides when
 * given, else from the template's defaults. Streaming pipelines run continuously; ml pipelines on
 * their configured schedule (manual by default).
 */
export function pipelineFrom(
  template: { key: string; version: number; config: Record<string, unknown> },
  overrides: Record<string, unknown> = {},
): PipelineDefinition {
  const kind = processingKind(template.key) ?? "etl";
  const merged = { ...template.config, ...overrides };
  const steps: PipelineStep[] = PROCESSING_KINDS[kind]
    .filter((key) => key !== "schedule")
    .map((name) => ({ name, config: merged[name] ?? {} }));
  const schedule =
    kind === "streaming" ? "continuous" : isSchedule(merged.schedule) ? merged.schedule : kind === "etl" ? "daily" : "manual";
  return { type: kind, templateKey: template.key, templateVersion: template.version, schedule, steps };
}
