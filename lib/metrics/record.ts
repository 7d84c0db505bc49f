// The one way features record what happened, for the success metrics. Each event is stored raw
// (append-only) and folded into its daily rollup in the same statement, so dashboards read rollups and
// never scan raw events.
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db, type Tx } from "@/lib/db";

export const METRIC_EVENT_TYPES = [
  "api_request", // value: none; durationMs: latency; status: HTTP status
  "product_read", // a consumer read data of a product (userId = consumer)
  "health_probe", // periodic probe of a product endpoint; status: HTTP status
  "access_requested",
  "access_granted", // durationMs: time from request to grant
  "access_denied",
  "product_registered",
  "product_published", // durationMs: time from registration to publication
  "quality_run", // value: quality score (percent)
  "provisioning_run", // durationMs: end-to-end provisioning time; status: 0 ok / 1 failed
  "ingestion_run", // value: rows loaded; durationMs
  "rating", // value: 1..5
  "domain_stage_changed", // meta: { from, to }
] as const;
export type MetricEventType = (typeof METRIC_EVENT_TYPES)[number];

export type MetricEventInput = {
  type: MetricEventType;
  at?: Date;
  productId?: string | null;
  domainId?: string | null;
  userId?: string | null;
  value?: number | null;
  durationMs?: number | null;
  status?: number | null;
  /** true when the event counts against a target (an error response, a failed run, ...) */
  flagged?: boolean;
  meta?: Record<string, unknown>;
};

/** Records one event and updates its daily rollup (per product, per domain and overall). */
export async function recordMetricEvent(e: MetricEventInput, client: Tx | typeof db = db): Promise<void> {
  const at = e.at ?? new Date();
  const measure = e.value ?? e.durationMs ?? null;
  const flagged = e.flagged ? 1 : 0;
  await client.$executeRaw(Prisma.sql`
    WITH ev AS (
      INSERT INTO metric_events (at, type, product_id, domain_id, user_id, value, duration_ms, status, meta)
      VALUES (${at}, ${e.type}, ${e.productId ?? null}::uuid, ${e.domainId ?? null}::uuid, ${e.userId ?? null}::uuid,
              ${e.value ?? null}, ${e.durationMs ?? null}, ${e.status ?? null}, ${JSON.stringify(e.meta ?? {})}::jsonb)
      RETURNING at::date AS day
    )
    INSERT INTO metric_rollups (day, type, domain_id, product_id, count, sum, min, max, flagged)
    SELECT DISTINCT ev.day, ${e.type}::text, scope.domain_id, scope.product_id, 1::bigint, coalesce(${measure}::float8, 0), ${measure}::float8, ${measure}::float8, ${flagged}::bigint
    FROM ev, (VALUES ('', ''), (${e.domainId ?? ""}, ''), (${e.domainId ?? ""}, ${e.productId ?? ""})) AS scope(domain_id, product_id)
    ON CONFLICT (day, type, domain_id, product_id) DO UPDATE SET
      count = metric_rollups.count + 1,
      sum = metric_rollups.sum + EXCLUDED.sum,
      min = LEAST(metric_rollups.min, EXCLUDED.min),
      max = GREATEST(metric_rollups.max, EXCLUDED.max),
      flagged = metric_rollups.flagged + EXCLUDED.flagged`);
}
