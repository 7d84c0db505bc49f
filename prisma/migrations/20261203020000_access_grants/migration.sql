-- CreateEnum
CREATE TYPE "GrantApproval" AS ENUM ('owner', 'owner_and_governance');

-- CreateEnum
CREATE TYPE "AccessGrantEnd" AS ENUM ('revoked', 'expired');

-- AlterEnum
ALTER TYPE "AccessRequestStatus" ADD VALUE 'expired';

-- AlterTable
ALTER TABLE "access_requests" ADD COLUMN     "approval" "GrantApproval",
ADD COLUMN     "owner_approved_at" TIMESTAMP(3),
ADD COLUMN     "owner_approved_by_id" UUID;

-- CreateTable
CREATE TABLE "access_grants" (
    "id" UUID NOT NULL,
    "request_id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "purpose" TEXT NOT NULL,
    "level" "Classification" NOT NULL,
    "granted_by_id" UUID NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "ended_at" TIMESTAMP(3),
    "end_reason" "AccessGrantEnd",
    "ended_by_id" UUID,
    "end_note" TEXT NOT NULL DEFAULT '',
    "db_role" TEXT,

    CONSTRAINT "access_grants_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "access_grants_request_id_key" ON "access_grants"("request_id");

-- CreateIndex
CREATE INDEX "access_grants_product_id_user_id_idx" ON "access_grants"("product_id", "user_id");

-- CreateIndex
CREATE INDEX "access_grants_user_id_idx" ON "access_grants"("user_id");

-- CreateIndex
CREATE INDEX "access_grants_expires_at_idx" ON "access_grants"("expires_at");

-- AddForeignKey
ALTER TABLE "access_grants" ADD CONSTRAINT "access_grants_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "access_requests"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "access_grants" ADD CONSTRAINT "access_grants_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "data_products"("id") ON DELETE CASCADE ON UPDATE CASCADE;
