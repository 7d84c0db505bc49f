-- Compliance monitor: violations found by the scheduled rules, one row per rule run slot, and the
-- contract rule figures of each quality run.

-- AlterTable
ALTER TABLE "quality_runs" ADD COLUMN     "checks" JSONB;

-- CreateTable
CREATE TABLE "compliance_violations" (
    "id" UUID NOT NULL,
    "rule" TEXT NOT NULL,
    "product_id" UUID NOT NULL,
    "domain_id" UUID NOT NULL,
    "detail" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "context" JSONB NOT NULL DEFAULT '{}',
    "opened_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMP(3),
    "resolution" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "compliance_violations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "monitor_runs" (
    "id" UUID NOT NULL,
    "rule" TEXT NOT NULL,
    "slot" TEXT NOT NULL,
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),
    "report" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "monitor_runs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "compliance_violations_domain_id_opened_at_idx" ON "compliance_violations"("domain_id", "opened_at");

-- CreateIndex
CREATE INDEX "compliance_violations_opened_at_idx" ON "compliance_violations"("opened_at");

-- CreateIndex
CREATE INDEX "compliance_violations_product_id_rule_idx" ON "compliance_violations"("product_id", "rule");

-- CreateIndex
CREATE INDEX "monitor_runs_rule_started_at_idx" ON "monitor_runs"("rule", "started_at");

-- CreateIndex
CREATE UNIQUE INDEX "monitor_runs_rule_slot_key" ON "monitor_runs"("rule", "slot");

-- AddForeignKey
ALTER TABLE "compliance_violations" ADD CONSTRAINT "compliance_violations_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "data_products"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written (Prisma cannot express it): one open violation per rule + product + detail. openViolation()
-- inserts with ON CONFLICT against this index, so two workers seeing the same condition keep one row.
CREATE UNIQUE INDEX "compliance_violations_open_key" ON "compliance_violations"("rule", "product_id", "detail") WHERE "resolved_at" IS NULL;
