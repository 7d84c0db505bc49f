-- CreateTable
CREATE TABLE "metric_consumers" (
    "user_id" UUID NOT NULL,
    "n" SERIAL NOT NULL,

    CONSTRAINT "metric_consumers_pkey" PRIMARY KEY ("user_id")
);

-- CreateTable
CREATE TABLE "metric_consumer_sets" (
    "day" DATE NOT NULL,
    "grain" TEXT NOT NULL,
    "domain_id" TEXT NOT NULL DEFAULT '',
    "chunk" INTEGER NOT NULL,
    "bits" BIT(4096) NOT NULL,

    CONSTRAINT "metric_consumer_sets_pkey" PRIMARY KEY ("day","grain","domain_id","chunk")
);

-- Backfill from the per-user rollup rows this table replaces (type active_consumer[@week|@month], the user id
-- in product_id), then drop those rows: the recorder now keeps distinct consumers here only.
INSERT INTO "metric_consumers" ("user_id")
SELECT DISTINCT "product_id"::uuid FROM "metric_rollups" WHERE "type" = 'active_consumer' ORDER BY 1;

INSERT INTO "metric_consumer_sets" ("day", "grain", "domain_id", "chunk", "bits")
SELECT r."day",
       CASE r."type" WHEN 'active_consumer' THEN 'day' ELSE split_part(r."type", '@', 2) END,
       r."domain_id",
       c."n" / 4096,
       bit_or(B'1'::bit(4096) >> (c."n" % 4096))
FROM "metric_rollups" r JOIN "metric_consumers" c ON c."user_id" = r."product_id"::uuid
WHERE r."type" IN ('active_consumer', 'active_consumer@week', 'active_consumer@month')
GROUP BY 1, 2, 3, 4;

DELETE FROM "metric_rollups" WHERE "type" IN ('active_consumer', 'active_consumer@week', 'active_consumer@month');
