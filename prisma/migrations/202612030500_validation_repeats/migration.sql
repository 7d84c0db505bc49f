-- AlterTable
ALTER TABLE "product_validations" ADD COLUMN     "last_confirmed_at" TIMESTAMP(3),
ADD COLUMN     "repeats" INTEGER NOT NULL DEFAULT 0;
