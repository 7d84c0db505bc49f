-- Every change to the catalog's tables sends NOTIFY catalog_changed when its transaction commits, so a portal
-- process that keeps catalog answers in memory (lib/products/catalog-cache.ts) forgets them, whoever wrote:
-- the portal, the worker, the CLI or psql. One notification per statement; PostgreSQL folds the equal ones of
-- a transaction into one and delivers nothing for a transaction that rolls back.
CREATE OR REPLACE FUNCTION notify_catalog_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('catalog_changed', '');
  RETURN NULL;
END
$$;

CREATE TRIGGER data_products_catalog_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "data_products"
  FOR EACH STATEMENT EXECUTE FUNCTION notify_catalog_changed();

CREATE TRIGGER domains_catalog_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "domains"
  FOR EACH STATEMENT EXECUTE FUNCTION notify_catalog_changed();
