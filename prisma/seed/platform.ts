// The seed's ProcessingTemplate configurations (etl / streaming / ml with the keys their
// create_*_pipeline reads) and its DataPlatform document as the initial platform configuration.
import { db } from "@/lib/db";
import { DEFAULT_PLATFORM_YAML } from "@/lib/platform/default-platform";
import { parsePlatformYaml } from "@/lib/platform/platform-yaml";

export const SEED_PROCESSING_TEMPLATES = [
  {
    key: "etl",
    name: "ETL (batch)",
    description:
      "Extract from the ingestion endpoint, transform (type checks, deduplication) and load into the product table on a schedule.",
    config: {
      extract: { source: "ingestion_endpoint", formats: ["csv", "json"] },
      transform: { validate_types: true, deduplicate_on: "primary_key" },
      load: { mode: "append", method: "copy" },
      schedule: "daily",
    },
  },
  {
    key: "streaming",
    name: "Streaming",
    description: "Continuous micro-batches from a source stream, processed in windows and written to a sink with checkpoints.",
    config: {
      source: { type: "http_batch" },
      processing: { window_seconds: 60 },
      sink: { target: "product_table" },
      checkpointing: { interval_seconds: 60 },
    },
  },
  {
    key: "ml",
    name: "Machine learning",
    description: "Feature engineering, model training and serving with drift monitoring.",
    config: {
      feature_engineering: { source: "product_table" },
      model_training: { schedule: "weekly" },
      model_serving: { mode: "batch_scoring" },
      monitoring: { drift: true },
      schedule: "manual",
    },
  },
] as const;

export async function seedPlatform(): Promise<void> {
  for (const t of SEED_PROCESSING_TEMPLATES) {
    await db.processingTemplate.upsert({
      where: { key: t.key },
      update: {},
      create: { key: t.key, name: t.name, description: t.description, config: t.config as object },
    });
  }
  const parsed = parsePlatformYaml(DEFAULT_PLATFORM_YAML);
  if (!parsed.ok) throw new Error("The seed platform configuration is invalid");
  await db.platformConfig.upsert({
    where: { id: 1 },
    update: {},
    create: { id: 1, spec: parsed.document as unknown as object, version: 1 },
  });
}
