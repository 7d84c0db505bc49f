import { describe, expect, it } from "vitest";
import { parsePlatformYaml } from "@/lib/platform/platform-yaml";
import { DEFAULT_PLATFORM_YAML } from "@/lib/platform/default-platform";
import type { DataProductSpec } from "@/lib/products/types";
import { datasetViewName } from "./datasets";
import { computeGrants } from "./grants";
import { PLAN_LABEL, terraformPlan } from "./terraform-plan";

const parsed = parsePlatformYaml(DEFAULT_PLATFORM_YAML);
if (!parsed.ok) throw new Error("default platform config must parse");
const platform = parsed.document.spec;

const spec: DataProductSpec = {
  name: "orders",
  domain: "sales",
  owner: "o@x.com",
  version: "1.2.0",
  description: "Orders",
  classification: "internal",
  schema: [
    { name: "order_id", type: "string", description: "", required: true, pii: false },
    { name: "total", type: "number", description: "", required: true, pii: false },
    { name: "placed_at", type: "timestamp", description: "", required: false, pii: false },
  ],
  slo: { availability: 99.9, latencyMs: 100, freshnessMinutes: 60 },
  access: [{ role: "data_consumer", permissions: ["read"] }],
  lineage: { sources: [], transformations: [] },
  tags: [],
  governance: { encryption: true },
};
const grants = computeGrants(
  "dp_sales_orders",
  spec.access,
  "internal",
  [{ role: "data_consumer", permissions: ["read"], data_access: ["public", "internal"] }],
  { database: "meshport" },
);
type Plan = { "//": string; resource: Record<string, Record<string, Record<string, unknown>>> };

describe("terraformPlan", () => {
  it("plans batch analytics as S3 + Glue + Databricks job + API Gateway, with the platform's settings", () => {
    const plan = terraformPlan({
      spec,
      environment: "production",
      settings: { storage: "data_lake", processing: "spark", serving: "rest_api", governance: "standard" },
      platform,
      pipeline: { type: "etl", schedule: "daily" },
      grants,
    }) as Plan;
    expect(plan["//"]).toContain(PLAN_LABEL);
    const r = plan.resource;
    expect(Object.keys(r)).toEqual(
      expect.arrayContaining([
        "aws_s3_bucket",
        "aws_glue_catalog_table",
        "databricks_job",
        "aws_api_gateway_rest_api",
        "aws_lakeformation_permissions",
      ]),
    );
    expect(r.aws_s3_bucket.sales_orders_production.bucket).toBe("company-data-lake-sales-orders-production");
    expect(r.aws_s3_bucket_versioning).toBeDefined();
    expect((r.aws_glue_catalog_table.sales_orders_production.storage_descriptor as { columns: unknown[] }).columns).toEqual([
      { name: "order_id", type: "string", comment: "" },
      { name: "total", type: "double", comment: "" },
      { name: "placed_at", type: "timestamp", comment: "" },
    ]);
    expect(r.databricks_job.sales_orders_production.schedule).toEqual({ quartz_cron_expression: "0 0 2 * * ?", timezone_id: "UTC" });
    expect(r.aws_api_gateway_method.sales_orders_production.authorization).toBe("COGNITO_USER_POOLS");
    expect(r.aws_lakeformation_permissions.sales_orders_production_data_consumer.permissions).toEqual(["SELECT"]);
  });

  it("plans streaming as Kinesis + Flink and ML as a feature group", () => {
    const streaming = terraformPlan({
      spec,
      environment: "staging",
      settings: { storage: "stream_storage", processing: "flink", serving: "streaming_api", governance: "real_time" },
      platform,
      pipeline: { type: "streaming", schedule: "continuous" },
      grants,
    }) as Plan;
    expect(Object.keys(streaming.resource)).toEqual(
      expect.arrayContaining(["aws_kinesis_stream", "aws_kinesisanalyticsv2_application", "aws_apigatewayv2_api"]),
    );
    expect(streaming.resource.aws_s3_bucket).toBeUndefined();
    const ml = terraformPlan({
      spec,
      environment: "staging",
      settings: { storage: "feature_store", processing: "spark_ml", serving: "feature_api", governance: "ml_governance" },
      platform,
      pipeline: { type: "ml", schedule: "manual" },
      grants,
    }) as Plan;
    expect(ml.resource.aws_sagemaker_feature_group.sales_orders_staging.record_identifier_feature_name).toBe("order_id");
    expect(ml.resource.databricks_job.sales_orders_staging.schedule).toBeUndefined();
  });

  it("plans a table, serving view, masked view and grants for every dataset", () => {
    const customers = {
      key: "customers",
      name: "Customers",
      view: datasetViewName(spec.name, "customers"),
      fields: [
        { name: "customer_id", type: "string" as const, description: "", required: true, pii: false },
        { name: "email", type: "string" as const, description: "", required: false, pii: true },
      ],
    };
    const withGrants = computeGrants(
      "dp_sales_orders",
      [...spec.access, { role: "data_producer", permissions: ["read", "write"] }],
      "internal",
      [
        { role: "data_consumer", permissions: ["read"], data_access: ["public", "internal"] },
        { role: "data_producer", permissions: ["read", "write"], data_access: ["public", "internal"] },
      ],
      { database: "meshport" },
    );
    const plan = terraformPlan({
      spec,
      environment: "production",
      settings: { storage: "data_lake", processing: "spark", serving: "rest_api", governance: "standard" },
      platform,
      pipeline: { type: "etl", schedule: "daily" },
      grants: withGrants,
      datasets: [customers],
    }) as Plan;
    const tables = plan.resource.aws_glue_catalog_table;
    expect(Object.keys(tables).sort()).toEqual(
      [
        "sales_orders_production",
        "sales_orders_production_view",
        "sales_orders_production_masked",
        "sales_orders_production__customers",
        "sales_orders_production__customers_view",
        "sales_orders_production__customers_masked",
      ].sort(),
    );
    const table = tables.sales_orders_production__customers;
    expect(table).toMatchObject({ name: "orders__customers_production", table_type: "EXTERNAL_TABLE" });
    expect((table.storage_descriptor as { columns: unknown[] }).columns).toEqual([
      { name: "customer_id", type: "string", comment: "" },
      { name: "email", type: "string", comment: "" },
    ]);
    expect(tables.sales_orders_production__customers_view).toMatchObject({
      name: "orders__customers_view_production",
      table_type: "VIRTUAL_VIEW",
    });
    const masked = tables.sales_orders_production__customers_masked;
    expect(masked.name).toBe("orders__customers__masked_production");
    expect(masked.view_original_text).toContain(`CASE WHEN "email" IS NULL THEN NULL ELSE '***' END AS "email"`);
    expect(masked.view_original_text).toContain("FROM sales.orders__customers_production");
    // The first dataset keeps its names.
    expect(tables.sales_orders_production.name).toBe("orders_production");
    // Each role's privileges on each dataset's table, SELECT on its views.
    const lf = plan.resource.aws_lakeformation_permissions;
    expect(lf.sales_orders_production__customers_data_producer.permissions).toEqual(["SELECT", "INSERT", "ALTER"]);
    expect(lf.sales_orders_production__customers_data_producer.table).toMatchObject({
      name: "${aws_glue_catalog_table.sales_orders_production__customers.name}",
    });
    expect(lf.sales_orders_production__customers_masked_data_consumer.permissions).toEqual(["SELECT"]);
    expect(lf.sales_orders_production__customers_view_data_consumer.permissions).toEqual(["SELECT"]);
    expect(lf.sales_orders_production_data_consumer.permissions).toEqual(["SELECT"]);
    expect(Object.keys(lf)).toHaveLength(2 * 2 * 3);
  });

  it("warns in the plan when the platform configuration lacks a component it needs", () => {
    const plan = terraformPlan({
      spec,
      environment: "staging",
      settings: { storage: "data_lake", processing: "spark", serving: "rest_api", governance: "standard" },
      platform: { storage: [], processing: [], serving: [] },
      pipeline: { type: "etl", schedule: "daily" },
      grants,
    }) as Plan;
    expect(plan["//"]).toContain("no storage component of type data-lake");
    expect(JSON.stringify(plan)).not.toContain("undefined");
  });
});
