-- Lineage graph edges, kept in sync with each product's spec.lineage.sources by the save path
-- (lib/products/lineage-edges.ts). Existing products' plain-text sources are read once below.

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

-- Backfill from the specs saved before this table: every source was plain text then, an upstream product when it
-- is another product's domain/name, else an external system (lib/products/lineage-source.ts resolveSource).
INSERT INTO "lineage_edges" ("id", "to_product_id", "from_product_id", "from_system", "position")
SELECT gen_random_uuid(), p."id", up."id", CASE WHEN up."id" IS NULL THEN s.value #>> '{}' END, (s.ordinality - 1)::int
  FROM "data_products" p
 CROSS JOIN LATERAL jsonb_array_elements(
         CASE WHEN jsonb_typeof(p."spec" -> 'lineage' -> 'sources') = 'array' THEN p."spec" -> 'lineage' -> 'sources' ELSE '[]'::jsonb END
       ) WITH ORDINALITY AS s(value, ordinality)
  LEFT JOIN LATERAL (
         SELECT u."id" FROM "data_products" u JOIN "domains" d ON d."id" = u."domain_id"
          WHERE d."slug" || '/' || u."name" = s.value #>> '{}' AND u."id" <> p."id"
       ) up ON true
 WHERE jsonb_typeof(s.value) = 'string';
