-- Trigram similarity for typo-tolerant catalog search (ships with PostgreSQL contrib).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('data_consumer', 'data_producer', 'data_admin', 'governance', 'executive');

-- CreateEnum
CREATE TYPE "DomainRole" AS ENUM ('owner', 'producer', 'viewer');

-- CreateEnum
CREATE TYPE "DomainStatus" AS ENUM ('onboarded', 'not_onboarded', 'archived');

-- CreateEnum
CREATE TYPE "Classification" AS ENUM ('public', 'internal', 'confidential', 'restricted');

-- CreateEnum
CREATE TYPE "Lifecycle" AS ENUM ('draft', 'in_review', 'published', 'deprecated', 'retired');

-- CreateEnum
CREATE TYPE "PolicyScope" AS ENUM ('global', 'domain');

-- CreateEnum
CREATE TYPE "Decision" AS ENUM ('allow', 'deny');

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT,
    "roles" "Role"[],
    "failed_logins" INTEGER NOT NULL DEFAULT 0,
    "locked_until" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_signed_in_at" TIMESTAMP(3),

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "domains" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "owner_team" TEXT NOT NULL,
    "status" "DomainStatus" NOT NULL DEFAULT 'onboarded',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "archived_at" TIMESTAMP(3),

    CONSTRAINT "domains_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "domain_memberships" (
    "user_id" UUID NOT NULL,
    "domain_id" UUID NOT NULL,
    "role" "DomainRole" NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "domain_memberships_pkey" PRIMARY KEY ("user_id","domain_id")
);

-- CreateTable
CREATE TABLE "data_products" (
    "id" UUID NOT NULL,
    "domain_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "classification" "Classification" NOT NULL,
    "lifecycle" "Lifecycle" NOT NULL DEFAULT 'draft',
    "current_version" TEXT NOT NULL,
    "tags" TEXT[],
    "spec" JSONB NOT NULL,
    "field_names" TEXT NOT NULL DEFAULT '',
    "lock_version" INTEGER NOT NULL DEFAULT 0,
    "template_id" UUID,
    "template_version" INTEGER,
    "created_by_id" UUID,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "published_at" TIMESTAMP(3),
    "search_vector" tsvector,

    CONSTRAINT "data_products_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "data_product_versions" (
    "id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "version" TEXT NOT NULL,
    "spec" JSONB NOT NULL,
    "change_note" TEXT NOT NULL DEFAULT '',
    "breaking" BOOLEAN NOT NULL DEFAULT false,
    "created_by_id" UUID,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "data_product_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "data_product_fields" (
    "id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "required" BOOLEAN NOT NULL DEFAULT false,
    "pii" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "data_product_fields_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lifecycle_events" (
    "id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "from_state" "Lifecycle",
    "to_state" "Lifecycle" NOT NULL,
    "actor_id" UUID,
    "note" TEXT NOT NULL DEFAULT '',
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lifecycle_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "templates" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL DEFAULT 1,
    "config" JSONB NOT NULL,
    "defaults" JSONB NOT NULL DEFAULT '{}',
    "retired" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "templates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "policies" (
    "id" UUID NOT NULL,
    "scope" "PolicyScope" NOT NULL,
    "name" TEXT NOT NULL,
    "domain_id" UUID,
    "spec" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "policies_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "policy_versions" (
    "id" UUID NOT NULL,
    "policy_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "spec" JSONB NOT NULL,
    "note" TEXT NOT NULL,
    "author_id" UUID,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "policy_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "subject" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "resource" TEXT NOT NULL,
    "decision" "Decision" NOT NULL,
    "reason" TEXT NOT NULL,
    "policy_id" TEXT,
    "policy_version" INTEGER,
    "request_id" TEXT,
    "context" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "domains_slug_key" ON "domains"("slug");

-- CreateIndex
CREATE INDEX "domain_memberships_domain_id_idx" ON "domain_memberships"("domain_id");

-- CreateIndex
CREATE INDEX "data_products_search_idx" ON "data_products" USING GIN ("search_vector");

-- CreateIndex
CREATE INDEX "data_products_name_trgm_idx" ON "data_products" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "data_products_field_names_trgm_idx" ON "data_products" USING GIN ("field_names" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "data_products_lifecycle_idx" ON "data_products"("lifecycle");

-- CreateIndex
CREATE INDEX "data_products_classification_idx" ON "data_products"("classification");

-- CreateIndex
CREATE INDEX "data_products_owner_idx" ON "data_products"("owner");

-- CreateIndex
CREATE INDEX "data_products_updated_at_idx" ON "data_products"("updated_at");

-- CreateIndex
CREATE UNIQUE INDEX "data_products_domain_id_name_key" ON "data_products"("domain_id", "name");

-- CreateIndex
CREATE INDEX "data_product_versions_product_id_created_at_idx" ON "data_product_versions"("product_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "data_product_versions_product_id_version_key" ON "data_product_versions"("product_id", "version");

-- CreateIndex
CREATE INDEX "data_product_fields_name_idx" ON "data_product_fields"("name");

-- CreateIndex
CREATE UNIQUE INDEX "data_product_fields_product_id_name_key" ON "data_product_fields"("product_id", "name");

-- CreateIndex
CREATE INDEX "lifecycle_events_product_id_at_idx" ON "lifecycle_events"("product_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "templates_key_key" ON "templates"("key");

-- CreateIndex
CREATE UNIQUE INDEX "policies_name_key" ON "policies"("name");

-- CreateIndex
CREATE UNIQUE INDEX "policies_domain_id_key" ON "policies"("domain_id");

-- CreateIndex
CREATE UNIQUE INDEX "policy_versions_policy_id_version_key" ON "policy_versions"("policy_id", "version");

-- CreateIndex
CREATE INDEX "audit_events_at_idx" ON "audit_events"("at");

-- CreateIndex
CREATE INDEX "audit_events_subject_at_idx" ON "audit_events"("subject", "at");

-- CreateIndex
CREATE INDEX "audit_events_resource_at_idx" ON "audit_events"("resource", "at");

-- AddForeignKey
ALTER TABLE "domain_memberships" ADD CONSTRAINT "domain_memberships_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "domain_memberships" ADD CONSTRAINT "domain_memberships_domain_id_fkey" FOREIGN KEY ("domain_id") REFERENCES "domains"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "data_products" ADD CONSTRAINT "data_products_domain_id_fkey" FOREIGN KEY ("domain_id") REFERENCES "domains"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "data_products" ADD CONSTRAINT "data_products_template_id_fkey" FOREIGN KEY ("template_id") REFERENCES "templates"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "data_products" ADD CONSTRAINT "data_products_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "data_product_versions" ADD CONSTRAINT "data_product_versions_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "data_products"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "data_product_versions" ADD CONSTRAINT "data_product_versions_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "data_product_fields" ADD CONSTRAINT "data_product_fields_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "data_products"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lifecycle_events" ADD CONSTRAINT "lifecycle_events_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "data_products"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lifecycle_events" ADD CONSTRAINT "lifecycle_events_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "policies" ADD CONSTRAINT "policies_domain_id_fkey" FOREIGN KEY ("domain_id") REFERENCES "domains"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "policy_versions" ADD CONSTRAINT "policy_versions_policy_id_fkey" FOREIGN KEY ("policy_id") REFERENCES "policies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "policy_versions" ADD CONSTRAINT "policy_versions_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------------
-- Hand-written: things Prisma's schema language cannot express.

-- Catalog search document: name (A), tags and field names (B), description (C). Maintained by a
-- trigger so every writer (services, imports, bulk loads) keeps it current.
CREATE FUNCTION data_products_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('simple', coalesce(NEW.name, '') || ' ' || translate(coalesce(NEW.name, ''), '-_', '  ')), 'A') ||
    setweight(to_tsvector('simple', array_to_string(coalesce(NEW.tags, '{}'::text[]), ' ')), 'B') ||
    setweight(to_tsvector('simple', coalesce(NEW.field_names, '') || ' ' || translate(coalesce(NEW.field_names, ''), '_', ' ')), 'B') ||
    setweight(to_tsvector('simple', coalesce(NEW.description, '')), 'C');
  RETURN NEW;
END
$$;

CREATE TRIGGER data_products_search_vector_trg
  BEFORE INSERT OR UPDATE OF name, description, tags, field_names ON data_products
  FOR EACH ROW EXECUTE FUNCTION data_products_search_vector();

-- The audit log is append-only: the database itself refuses to change or remove an entry.
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_events_no_update_delete
  BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();

CREATE TRIGGER audit_events_no_truncate
  BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
