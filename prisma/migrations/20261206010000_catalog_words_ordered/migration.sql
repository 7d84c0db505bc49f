-- The vocabulary triggers insert their words in one order (ORDER BY). ON CONFLICT DO NOTHING does wait when another
-- transaction has inserted the same word and not committed yet; two imports adding overlapping new words in
-- different orders (a hash aggregate's order) could each wait for the other: a deadlock, one import refused. Taken in
-- the same order, the later import only waits for the earlier one's commit.
CREATE OR REPLACE FUNCTION catalog_words_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO catalog_words (word)
  SELECT w FROM (SELECT DISTINCT w FROM new_rows n, LATERAL catalog_words_of(n.name, n.tags, n.field_names) w) x
  ORDER BY w
  ON CONFLICT (word) DO NOTHING;
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION catalog_words_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO catalog_words (word)
  SELECT w FROM (
    SELECT DISTINCT w FROM new_rows n JOIN old_rows o ON o.id = n.id,
      LATERAL catalog_words_of(n.name, n.tags, n.field_names) w
    WHERE (n.name, n.tags, n.field_names) IS DISTINCT FROM (o.name, o.tags, o.field_names)
  ) x
  ORDER BY w
  ON CONFLICT (word) DO NOTHING;
  RETURN NULL;
END
$$;
