-- CreateEnum
CREATE TYPE "ComplianceStatus" AS ENUM ('unknown', 'passing', 'warnings', 'failing');

-- CreateEnum
CREATE TYPE "RolloutStage" AS ENUM ('foundation', 'pilot', 'full');

-- CreateEnum
CREATE TYPE "Environment" AS ENUM ('staging', 'production');

-- CreateEnum
CREATE TYPE "DeploymentStatus" AS ENUM ('pending', 'provisioning', 'active', 'failed', 'deprovisioning', 'deprovisioned');

-- CreateEnum
CREATE TYPE "JobKind" AS ENUM ('provision', 'deprovision', 'promote');

-- CreateEnum
CREATE TYPE "JobStatus" AS ENUM ('queued', 'running', 'succeeded', 'failed', 'cancelled');

-- CreateEnum
CREATE TYPE "StepStatus" AS ENUM ('pending', 'running', 'succeeded', 'failed', 'skipped');

-- CreateEnum
CREATE TYPE "AccessRequestStatus" AS ENUM ('pending', 'approved', 'denied', 'revoked');

-- AlterTable
ALTER TABLE "data_products" ADD COLUMN     "compliance_errors" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "compliance_status" "ComplianceStatus" NOT NULL DEFAULT 'unknown',
ADD COLUMN     "compliance_warnings" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "validated_at" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "domains" ADD COLUMN     "rollout_stage" "RolloutStage" NOT NULL DEFAULT 'foundation';

-- CreateTable
CREATE TABLE "product_validations" (
    "id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "product_version" TEXT NOT NULL,
    "status" "ComplianceStatus" NOT NULL,
    "errors" INTEGER NOT NULL,
    "warnings" INTEGER NOT NULL,
    "findings" JSONB NOT NULL,
    "global_policy_version" INTEGER,
    "domain_policy_version" INTEGER,
    "trigger" TEXT NOT NULL DEFAULT 'manual',
    "acknowledged_by_id" UUID,
    "acknowledged_at" TIMESTAMP(3),
    "created_by_id" UUID,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "product_validations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "platform_config" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "spec" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_by_id" UUID,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "platform_config_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "processing_templates" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "config" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "retired" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "processing_templates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deployments" (
    "id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "environment" "Environment" NOT NULL,
    "status" "DeploymentStatus" NOT NULL DEFAULT 'pending',
    "product_version" TEXT,
    "schema_name" TEXT,
    "table_name" TEXT,
    "resources" JSONB NOT NULL DEFAULT '{}',
    "service_url" TEXT,
    "promoted_from_id" UUID,
    "confirmed_by_id" UUID,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "deployments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "provisioning_jobs" (
    "id" UUID NOT NULL,
    "deployment_id" UUID NOT NULL,
    "kind" "JobKind" NOT NULL,
    "status" "JobStatus" NOT NULL DEFAULT 'queued',
    "spec" JSONB NOT NULL,
    "plan" JSONB,
    "error" TEXT,
    "requested_by_id" UUID,
    "queue_job_id" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMP(3),
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "provisioning_jobs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "provisioning_steps" (
    "id" UUID NOT NULL,
    "job_id" UUID NOT NULL,
    "step" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "status" "StepStatus" NOT NULL DEFAULT 'pending',
    "started_at" TIMESTAMP(3),
    "finished_at" TIMESTAMP(3),
    "duration_ms" INTEGER,
    "logs" JSONB NOT NULL DEFAULT '[]',
    "output" JSONB NOT NULL DEFAULT '{}',
    "error" TEXT,

    CONSTRAINT "provisioning_steps_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pipelines" (
    "id" UUID NOT NULL,
    "deployment_id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "schedule" TEXT,
    "steps" JSONB NOT NULL,
    "ingestion_endpoint" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_run_at" TIMESTAMP(3),
    "last_run_status" TEXT,

    CONSTRAINT "pipelines_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ingestion_loads" (
    "id" UUID NOT NULL,
    "deployment_id" UUID NOT NULL,
    "format" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "rows_total" INTEGER NOT NULL DEFAULT 0,
    "rows_loaded" INTEGER NOT NULL DEFAULT 0,
    "bytes" BIGINT NOT NULL DEFAULT 0,
    "errors" JSONB NOT NULL DEFAULT '[]',
    "user_id" UUID,
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "ingestion_loads_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "access_requests" (
    "id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "requester_id" UUID NOT NULL,
    "purpose" TEXT NOT NULL,
    "status" "AccessRequestStatus" NOT NULL DEFAULT 'pending',
    "decided_by_id" UUID,
    "decision_note" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_at" TIMESTAMP(3),

    CONSTRAINT "access_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "product_ratings" (
    "product_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "score" INTEGER NOT NULL,
    "review" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "product_ratings_pkey" PRIMARY KEY ("product_id","user_id")
);

-- CreateTable
CREATE TABLE "quality_runs" (
    "id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "metrics" JSONB NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "rows_checked" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "quality_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "metric_events" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "type" TEXT NOT NULL,
    "product_id" UUID,
    "domain_id" UUID,
    "user_id" UUID,
    "value" DOUBLE PRECISION,
    "duration_ms" DOUBLE PRECISION,
    "status" INTEGER,
    "meta" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "metric_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "metric_rollups" (
    "day" DATE NOT NULL,
    "type" TEXT NOT NULL,
    "domain_id" TEXT NOT NULL DEFAULT '',
    "product_id" TEXT NOT NULL DEFAULT '',
    "count" BIGINT NOT NULL DEFAULT 0,
    "sum" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "min" DOUBLE PRECISION,
    "max" DOUBLE PRECISION,
    "flagged" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "metric_rollups_pkey" PRIMARY KEY ("day","type","domain_id","product_id")
);

-- CreateTable
CREATE TABLE "settings" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "settings_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "product_validations_product_id_created_at_idx" ON "product_validations"("product_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "processing_templates_key_key" ON "processing_templates"("key");

-- CreateIndex
CREATE UNIQUE INDEX "deployments_product_id_environment_key" ON "deployments"("product_id", "environment");

-- CreateIndex
CREATE INDEX "provisioning_jobs_deployment_id_created_at_idx" ON "provisioning_jobs"("deployment_id", "created_at");

-- CreateIndex
CREATE INDEX "provisioning_jobs_status_idx" ON "provisioning_jobs"("status");

-- CreateIndex
CREATE UNIQUE INDEX "provisioning_steps_job_id_step_key" ON "provisioning_steps"("job_id", "step");

-- CreateIndex
CREATE UNIQUE INDEX "pipelines_deployment_id_key" ON "pipelines"("deployment_id");

-- CreateIndex
CREATE INDEX "ingestion_loads_deployment_id_started_at_idx" ON "ingestion_loads"("deployment_id", "started_at");

-- CreateIndex
CREATE INDEX "access_requests_product_id_status_idx" ON "access_requests"("product_id", "status");

-- CreateIndex
CREATE INDEX "access_requests_requester_id_idx" ON "access_requests"("requester_id");

-- CreateIndex
CREATE INDEX "quality_runs_product_id_at_idx" ON "quality_runs"("product_id", "at");

-- CreateIndex
CREATE INDEX "quality_runs_at_idx" ON "quality_runs"("at");

-- CreateIndex
CREATE INDEX "metric_events_type_at_idx" ON "metric_events"("type", "at");

-- CreateIndex
CREATE INDEX "metric_events_product_id_type_at_idx" ON "metric_events"("product_id", "type", "at");

-- CreateIndex
CREATE INDEX "metric_rollups_type_day_idx" ON "metric_rollups"("type", "day");

-- CreateIndex
CREATE INDEX "data_products_compliance_status_idx" ON "data_products"("compliance_status");

-- AddForeignKey
ALTER TABLE "product_validations" ADD CONSTRAINT "product_validations_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "data_products"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "data_products"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "provisioning_jobs" ADD CONSTRAINT "provisioning_jobs_deployment_id_fkey" FOREIGN KEY ("deployment_id") REFERENCES "deployments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "provisioning_steps" ADD CONSTRAINT "provisioning_steps_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "provisioning_jobs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pipelines" ADD CONSTRAINT "pipelines_deployment_id_fkey" FOREIGN KEY ("deployment_id") REFERENCES "deployments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ingestion_loads" ADD CONSTRAINT "ingestion_loads_deployment_id_fkey" FOREIGN KEY ("deployment_id") REFERENCES "deployments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "access_requests" ADD CONSTRAINT "access_requests_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "data_products"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "product_ratings" ADD CONSTRAINT "product_ratings_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "data_products"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quality_runs" ADD CONSTRAINT "quality_runs_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "data_products"("id") ON DELETE CASCADE ON UPDATE CASCADE;
