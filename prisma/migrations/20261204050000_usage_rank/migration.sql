-- Rank the catalog by usage as well as by text: each product's reads in the last 30 days, refreshed hourly
-- from the metric rollups by the job worker (lib/metrics/usage-rank.ts), and an index for "Most used".
ALTER TABLE "data_products" ADD COLUMN "reads_30d" INTEGER NOT NULL DEFAULT 0;

CREATE INDEX "data_products_reads_30d_updated_at_id_idx" ON "data_products"("reads_30d" DESC, "updated_at" DESC, "id");
