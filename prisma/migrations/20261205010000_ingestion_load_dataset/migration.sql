-- A load names the dataset it wrote to (its key, lib/provisioning/datasets.ts): a product's contract may declare
-- several. Loads recorded before this stay NULL (they all went to the first dataset).
ALTER TABLE "ingestion_loads" ADD COLUMN "dataset" TEXT;
