-- CreateTable
CREATE TABLE "anonymous_refusals" (
    "action" TEXT NOT NULL,
    "resource" TEXT NOT NULL,
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "anonymous_refusals_pkey" PRIMARY KEY ("action","resource","window_start")
);

-- CreateIndex
CREATE INDEX "anonymous_refusals_window_start_idx" ON "anonymous_refusals"("window_start");
