-- Lineage graph edges, kept in sync with each product's spec.lineage.sources by the save path
-- (lib/products/lineage-edges.ts). Existing products get their edges the next time they are saved.

-- CreateTable
CREATE TABLE "lineage_edges" (
    "id" UUID NOT NULL,
    "to_product_id" UUID NOT NULL,
    "to_field" TEXT,
    "from_product_id" UUID,
    "from_system" TEXT,
    "from_dataset" TEXT,
    "from_field" TEXT,
    "transformation" TEXT,
    "position" INTEGER NOT NULL,

    CONSTRAINT "lineage_edges_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "lineage_edges_to_product_id_idx" ON "lineage_edges"("to_product_id");

-- CreateIndex
CREATE INDEX "lineage_edges_from_product_id_idx" ON "lineage_edges"("from_product_id");

-- AddForeignKey
ALTER TABLE "lineage_edges" ADD CONSTRAINT "lineage_edges_to_product_id_fkey" FOREIGN KEY ("to_product_id") REFERENCES "data_products"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lineage_edges" ADD CONSTRAINT "lineage_edges_from_product_id_fkey" FOREIGN KEY ("from_product_id") REFERENCES "data_products"("id") ON DELETE CASCADE ON UPDATE CASCADE;
