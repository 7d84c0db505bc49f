-- The catalog's spelling vocabulary ("did you mean"): every word of product names, tags and dataset/property
-- names (field_names), kept by triggers as products are written, so a search that finds nothing asks a
-- trigram index over some thousands of words instead of splitting every product's names (seconds at 100,000
-- products). Words are only added (ON CONFLICT DO NOTHING: no row locks shared between writers, so concurrent
-- imports never wait on each other here); a word whose last product went away stays, and the suggestion
-- (lib/products/search.ts suggestSpelling) offers only words that still find a product.
CREATE TABLE "catalog_words" (
    "word" TEXT NOT NULL,

    CONSTRAINT "catalog_words_pkey" PRIMARY KEY ("word")
);

CREATE INDEX "catalog_words_word_trgm_idx" ON "catalog_words" USING GIN ("word" gin_trgm_ops);

-- The words of one product, as the suggestion has always split them: lower case, split on anything but
-- letters and digits (tags whole), at least 3 characters; a word must hold a letter (nobody misspells an id
-- number, and a mesh of generated names would otherwise fill the vocabulary with them).
CREATE OR REPLACE FUNCTION catalog_words_of(p_name text, p_tags text[], p_field_names text) RETURNS SETOF text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT DISTINCT w FROM (
    SELECT regexp_split_to_table(lower(p_name), '[^[:alnum:]]+') AS w
    UNION ALL SELECT lower(t) FROM unnest(p_tags) t
    UNION ALL SELECT regexp_split_to_table(lower(coalesce(p_field_names, '')), '[^[:alnum:]]+')
  ) x WHERE length(w) >= 3 AND w ~ '[[:alpha:]]'
$$;

CREATE OR REPLACE FUNCTION catalog_words_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO catalog_words (word)
  SELECT DISTINCT w FROM new_rows n, LATERAL catalog_words_of(n.name, n.tags, n.field_names) w
  ON CONFLICT (word) DO NOTHING;
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION catalog_words_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO catalog_words (word)
  SELECT DISTINCT w FROM new_rows n JOIN old_rows o ON o.id = n.id,
    LATERAL catalog_words_of(n.name, n.tags, n.field_names) w
  WHERE (n.name, n.tags, n.field_names) IS DISTINCT FROM (o.name, o.tags, o.field_names)
  ON CONFLICT (word) DO NOTHING;
  RETURN NULL;
END
$$;

CREATE TRIGGER data_products_catalog_words_insert
  AFTER INSERT ON "data_products" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION catalog_words_added();

CREATE TRIGGER data_products_catalog_words_update
  AFTER UPDATE ON "data_products" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION catalog_words_changed();

INSERT INTO catalog_words (word)
SELECT DISTINCT w FROM data_products p, LATERAL catalog_words_of(p.name, p.tags, p.field_names) w
ON CONFLICT (word) DO NOTHING;

ANALYZE catalog_words;
