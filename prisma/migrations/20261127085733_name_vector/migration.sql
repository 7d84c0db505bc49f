-- AlterTable
ALTER TABLE "data_products" ADD COLUMN     "name_vector" tsvector;

-- CreateIndex
CREATE INDEX "data_products_name_vector_idx" ON "data_products" USING GIN ("name_vector");


-- The trigger fills the name vector alongside the weighted search vector; existing rows are backfilled.
CREATE OR REPLACE FUNCTION data_products_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.name_vector := to_tsvector('simple', coalesce(NEW.name, '') || ' ' || translate(coalesce(NEW.name, ''), '-_', '  '));
  NEW.search_vector :=
    setweight(NEW.name_vector, 'A') ||
    setweight(to_tsvector('simple', array_to_string(coalesce(NEW.tags, '{}'::text[]), ' ')), 'B') ||
    setweight(to_tsvector('simple', coalesce(NEW.field_names, '') || ' ' || translate(coalesce(NEW.field_names, ''), '_', ' ')), 'B') ||
    setweight(to_tsvector('simple', coalesce(NEW.description, '')), 'C');
  RETURN NEW;
END
$$;

UPDATE "data_products" SET "name_vector" = to_tsvector('simple', "name" || ' ' || translate("name", '-_', '  '));
