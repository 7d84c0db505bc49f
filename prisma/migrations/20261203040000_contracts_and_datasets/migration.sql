-- Products get a declared ODCS v3.1 contract beside the portal's spec (lib/products/contract/README.md), and
-- their datasets and properties (nested ones too) become rows for querying.
-- AlterTable
ALTER TABLE "data_product_versions" ADD COLUMN     "contract" JSONB,
ADD COLUMN     "import_notes" JSONB;

-- AlterTable
ALTER TABLE "data_products" ADD COLUMN     "contract" JSONB,
ADD COLUMN     "contract_id" TEXT;

-- CreateTable
CREATE TABLE "data_product_datasets" (
    "id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "physical_name" TEXT,
    "physical_type" TEXT,
    "description" TEXT NOT NULL DEFAULT '',
    "property_count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "data_product_datasets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "data_product_properties" (
    "id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "dataset_position" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "path" TEXT NOT NULL,
    "depth" INTEGER NOT NULL DEFAULT 0,
    "name" TEXT NOT NULL,
    "logical_type" TEXT,
    "physical_type" TEXT,
    "required" BOOLEAN NOT NULL DEFAULT false,
    "unique" BOOLEAN NOT NULL DEFAULT false,
    "primary_key" BOOLEAN NOT NULL DEFAULT false,
    "classification" TEXT,
    "pii" BOOLEAN NOT NULL DEFAULT false,
    "critical_data_element" BOOLEAN NOT NULL DEFAULT false,
    "description" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "data_product_properties_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "data_product_datasets_product_id_position_key" ON "data_product_datasets"("product_id", "position");

-- CreateIndex
CREATE INDEX "data_product_properties_name_idx" ON "data_product_properties"("name");

-- CreateIndex
CREATE UNIQUE INDEX "data_product_properties_product_id_dataset_position_path_key" ON "data_product_properties"("product_id", "dataset_position", "path");

-- CreateIndex
CREATE UNIQUE INDEX "data_products_contract_id_key" ON "data_products"("contract_id");

-- AddForeignKey
ALTER TABLE "data_product_datasets" ADD CONSTRAINT "data_product_datasets_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "data_products"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "data_product_properties" ADD CONSTRAINT "data_product_properties_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "data_products"("id") ON DELETE CASCADE ON UPDATE CASCADE;



-- Existing products were declared in the seed's DataProduct format: their contract stays derived from the spec
-- (contract NULL, nothing to move), and their one dataset and its fields get rows exactly as
-- lib/products/contract/rows.ts derives them from that contract (lib/products/odcs.ts toOdcs), so the catalog and
-- product page read every product the same way. gen_random_uuid() is built in since PostgreSQL 13.
INSERT INTO "data_product_datasets" ("id", "product_id", "position", "name", "physical_type", "property_count")
SELECT gen_random_uuid(), p."id", 0, p."spec"->>'name', 'table', jsonb_array_length(coalesce(p."spec"->'schema', '[]'::jsonb))
FROM "data_products" p
WHERE p."contract" IS NULL AND jsonb_typeof(p."spec"->'schema') = 'array';

INSERT INTO "data_product_properties"
  ("id", "product_id", "dataset_position", "position", "path", "depth", "name", "logical_type", "physical_type", "required", "pii", "description")
SELECT gen_random_uuid(), p."id", 0, (f.ord - 1)::int, f.field->>'name', 0, f.field->>'name',
       CASE f.field->>'type' WHEN 'json' THEN 'object' ELSE f.field->>'type' END,
       CASE f.field->>'type'
         WHEN 'string' THEN 'text' WHEN 'integer' THEN 'bigint' WHEN 'number' THEN 'double precision'
         WHEN 'boolean' THEN 'boolean' WHEN 'date' THEN 'date' WHEN 'timestamp' THEN 'timestamptz' WHEN 'json' THEN 'jsonb'
       END,
       coalesce((f.field->>'required')::boolean, false), coalesce((f.field->>'pii')::boolean, false), coalesce(f.field->>'description', '')
FROM "data_products" p
CROSS JOIN LATERAL jsonb_array_elements(p."spec"->'schema') WITH ORDINALITY AS f(field, ord)
WHERE p."contract" IS NULL AND jsonb_typeof(p."spec"->'schema') = 'array';
