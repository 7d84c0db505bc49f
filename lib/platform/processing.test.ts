import { describe, expect, it } from "vitest";
import { SEED_PROCESSING_TEMPLATES } from "@/prisma/seed/platform";
import { pipelineFrom, processingConfigErrors, processingKind } from "./processing";
import { processingTemplateInputSchema, templateColumns, templateInputSchema } from "./schema";

describe("processing templates", () => {
  it("knows the kind from the key", () => {
    expect(processingKind("etl")).toBe("etl");
    expect(processingKind("etl-hourly")).toBe("etl");
    expect(processingKind("batch")).toBeNull();
  });

  it("seeds etl, streaming and ml with the keys the seed's pipelines read", () => {
    for (const t of SEED_PROCESSING_TEMPLATES)
      expect(processingConfigErrors(processingKind(t.key)!, t.config as Record<string, unknown>)).toEqual([]);
    expect(processingConfigErrors("streaming", { source: {} })).toEqual([
      'streaming templates need the key "processing"',
      'streaming templates need the key "sink"',
      'streaming templates need the key "checkpointing"',
    ]);
  });

  it("builds a pipeline from the template with the product template's overrides", () => {
    const etl = SEED_PROCESSING_TEMPLATES[0];
    const p = pipelineFrom(
      { key: etl.key, version: 2, config: etl.config as Record<string, unknown> },
      { schedule: "hourly", load: { mode: "merge" } },
    );
    expect(p).toMatchObject({ type: "etl", templateKey: "etl", templateVersion: 2, schedule: "hourly" });
    expect(p.steps.map((x) => x.name)).toEqual(["extract", "transform", "load"]);
    expect(p.steps[2].config).toEqual({ mode: "merge" });
    expect(pipelineFrom({ key: "streaming", version: 1, config: {} }).schedule).toBe("continuous");
  });
});

describe("admin form schemas", () => {
  const form = {
    key: "batch_hourly",
    name: "Hourly batch",
    description: "",
    storage: "data_lake",
    processing: "spark",
    serving: "rest_api",
    governance: "standard",
    processingTemplate: "etl",
    processingSettings: "schedule: hourly\n",
    classification: "internal",
    availability: "99.5",
    latencyMs: "300",
    freshnessMinutes: "60",
    tags: "batch, Hourly",
  };
  it("turns a template form into the seed's config shape", () => {
    const input = templateInputSchema.parse(form);
    expect(templateColumns(input)).toMatchObject({
      config: {
        storage: "data_lake",
        processing: "spark",
        serving: "rest_api",
        governance: "standard",
        processing_template: { type: "etl", schedule: "hourly" },
      },
      defaults: {
        classification: "internal",
        slo: { availability: 99.5, latencyMs: 300, freshnessMinutes: 60 },
        tags: ["batch", "hourly"],
      },
    });
  });
  it("reports bad fields by name", () => {
    const r = templateInputSchema.safeParse({ ...form, key: "Bad Key", storage: "tape", processingSettings: "- a list" });
    expect(r.success).toBe(false);
    if (!r.success) expect(Object.keys(r.error.flatten().fieldErrors).sort()).toEqual(["key", "processingSettings", "storage"]);
    const p = processingTemplateInputSchema.safeParse({ key: "ml-lite", name: "ML lite", config: "feature_engineering: {}\n" });
    expect(p.success).toBe(false);
    if (!p.success) expect(p.error.flatten().fieldErrors.config?.length).toBe(3);
  });
});
