-- Irreversible moves carry a reason; deprecation announces a sunset date.
ALTER TABLE "data_products" ADD COLUMN "sunset_on" DATE;
ALTER TABLE "lifecycle_events" ADD COLUMN "sunset_on" DATE;
ALTER TABLE "provisioning_jobs" ADD COLUMN "reason" TEXT NOT NULL DEFAULT '';
