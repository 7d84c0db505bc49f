-- AlterTable
ALTER TABLE "data_products" ADD COLUMN     "rule_inputs" JSONB;

-- CreateTable
CREATE TABLE "revalidation_runs" (
    "id" UUID NOT NULL,
    "trigger" TEXT NOT NULL,
    "domain_slug" TEXT,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "total" INTEGER NOT NULL,
    "done" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "passing" INTEGER NOT NULL DEFAULT 0,
    "warnings" INTEGER NOT NULL DEFAULT 0,
    "failing" INTEGER NOT NULL DEFAULT 0,
    "created_by_id" UUID,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMP(3),
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "revalidation_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "revalidation_batches" (
    "run_id" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "product_ids" UUID[],
    "done_at" TIMESTAMP(3),

    CONSTRAINT "revalidation_batches_pkey" PRIMARY KEY ("run_id","seq")
);

-- CreateIndex
CREATE INDEX "revalidation_runs_status_idx" ON "revalidation_runs"("status");

-- AddForeignKey
ALTER TABLE "revalidation_batches" ADD CONSTRAINT "revalidation_batches_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "revalidation_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- What the validation rules read from a spec, as lib/governance/rule-inputs.ts computes it on every save
-- (an integration test checks the two agree). NULL for a stored spec of an unexpected shape: readers then
-- fall back to the full spec. Used here to backfill existing products and by bulk loaders (bench/mesh.ts).
CREATE OR REPLACE FUNCTION product_rule_inputs(spec jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN jsonb_typeof(spec) <> 'object' OR jsonb_typeof(spec->'schema') IS DISTINCT FROM 'array'
      OR jsonb_typeof(spec->'access') IS DISTINCT FROM 'array' OR jsonb_typeof(spec->'slo') IS DISTINCT FROM 'object'
      OR (spec ? 'governance' AND jsonb_typeof(spec->'governance') <> 'object') THEN NULL
    ELSE jsonb_build_object(
      'classification', spec->'classification',
      'schema', COALESCE((SELECT jsonb_agg(jsonb_build_object('name', f->'name', 'pii', true) ORDER BY o)
                          FROM jsonb_array_elements(spec->'schema') WITH ORDINALITY AS x(f, o) WHERE f->'pii' = 'true'::jsonb), '[]'::jsonb),
      'access', COALESCE((SELECT jsonb_agg(jsonb_build_object('role', g->'role', 'permissions', g->'permissions') ORDER BY o)
                          FROM jsonb_array_elements(spec->'access') WITH ORDINALITY AS x(g, o)), '[]'::jsonb),
      'slo', jsonb_build_object('availability', spec->'slo'->'availability', 'freshnessMinutes', spec->'slo'->'freshnessMinutes')
    ) || CASE WHEN spec ? 'governance' THEN jsonb_build_object('governance', jsonb_strip_nulls(jsonb_build_object(
      'encryption', spec->'governance'->'encryption', 'retention', spec->'governance'->'retention',
      'purpose', spec->'governance'->'purpose', 'erasure', spec->'governance'->'erasure'))) ELSE '{}'::jsonb END
  END
$$;

UPDATE "data_products" SET "rule_inputs" = product_rule_inputs("spec") WHERE "rule_inputs" IS NULL;

-- The worker looks for batches still to do.
CREATE INDEX "revalidation_batches_pending_idx" ON "revalidation_batches"("run_id", "seq") WHERE "done_at" IS NULL;
