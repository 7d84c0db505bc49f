// The seed text's DataProductTemplate configurations and the ProcessingTemplate each implies.
export const SEED_TEMPLATES = [
  {
    key: "batch_analytics",
    name: "Batch analytics",
    description: "Daily batch data product on the data lake, processed with Spark and served over REST.",
    config: {
      storage: "data_lake",
      processing: "spark",
      serving: "rest_api",
      governance: "standard",
      processing_template: { type: "etl", schedule: "daily" },
    },
    defaults: { classification: "internal", slo: { availability: 99.5, latencyMs: 500, freshnessMinutes: 1440 }, tags: ["batch"] },
  },
  {
    key: "real_time_streaming",
    name: "Real-time streaming",
    description: "Event stream processed with Flink and served through a streaming API.",
    config: {
      storage: "stream_storage",
      processing: "flink",
      serving: "streaming_api",
      governance: "real_time",
      processing_template: { type: "streaming", checkpointing: { interval_seconds: 60 } },
    },
    defaults: { classification: "internal", slo: { availability: 99.9, latencyMs: 100, freshnessMinutes: 5 }, tags: ["streaming"] },
  },
  {
    key: "ml_feature_store",
    name: "ML feature store",
    description: "Features for machine learning, computed with Spark ML and served by a feature API.",
    config: {
      storage: "feature_store",
      processing: "spark_ml",
      serving: "feature_api",
      governance: "ml_governance",
      processing_template: { type: "ml", monitoring: { drift: true } },
    },
    defaults: {
      classification: "confidential",
      slo: { availability: 99.5, latencyMs: 50, freshnessMinutes: 60 },
      tags: ["ml", "features"],
    },
  },
] as const;
