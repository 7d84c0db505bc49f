-- Median request → grant time reads the few access_granted events of two periods. Through (type, at) each one
-- cost a heap fetch from a table of millions of rows; this partial covering index answers from the index alone.
-- (Prisma's schema language has no partial indexes; the schema engine leaves this one alone in diffs.)
CREATE INDEX "metric_events_access_granted_at_idx" ON "metric_events" ("at") INCLUDE ("domain_id", "duration_ms") WHERE "type" = 'access_granted';
