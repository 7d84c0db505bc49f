// The seed's DataPlatform document, verbatim: the configuration a new installation starts with.
export const DEFAULT_PLATFORM_YAML = `# Self-Serve Data Platform Configuration
apiVersion: v1
kind: DataPlatform
metadata:
  name: self-serve-data-platform
spec:
  # Storage Infrastructure
  storage:
    - type: data-lake
      provider: aws-s3
      configuration:
        bucket: company-data-lake
        encryption: enabled
        versioning: enabled

  # Processing Infrastructure
  processing:
    - type: spark
      provider: databricks
      configuration:
        cluster_size: medium
        auto_scaling: enabled
    - type: flink
      provider: aws-kinesis
      configuration:
        stream_processing: enabled

  # Serving Infrastructure
  serving:
    - type: api-gateway
      provider: aws-api-gateway
      configuration:
        rate_limiting: enabled
        authentication: oauth2
    - type: data-catalog
      provider: aws-glue
      configuration:
        auto_discovery: enabled
        lineage_tracking: enabled
`;
