// The one way features record what happened, for the success metrics. Each event is stored raw
// (append-only) and folded into its daily rollups in the same statement, so dashboards read rollups and
// never scan raw events. Which rollup rows an event feeds is decided by rollupKeys (lib/metrics/rollup-keys.ts):
// overall / domain / product counts per day, week and month, a latency histogram for duration-type events,
// and per-user rows for distinct consumers.
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db, type Tx } from "@/lib/db";
import { escapeLike } from "@/lib/like";
import { ACTIVE_CONSUMER_TYPE, rollupKeys, type RollupInput } from "@/lib/metrics/rollup-keys";

export const METRIC_EVENT_TYPES = [
  "api_request", // value: none; durationMs: latency; status: HTTP status (5xx / 0 count as unavailable)
  "product_read", // a consumer read data of a product (userId = consumer)
  "health_probe", // periodic probe of a product endpoint; status: HTTP status; durationMs
  "access_requested",
  "access_granted", // durationMs: time from request to grant
  "access_denied",
  "access_revoked",
  "product_registered",
  "product_published", // durationMs: time from registration to publication
  "quality_run", // value: quality score (percent)
  "provisioning_run", // durationMs: end-to-end provisioning time; status: 0 ok / 1 failed
  "ingestion_run", // value: rows loaded; durationMs
  "rating", // value: 1..5 (meta.previous when a rating was changed)
  "domain_stage_changed", // meta: { from, to }
] as const;
export type MetricEventType = (typeof METRIC_EVENT_TYPES)[number];

/** One event: the rollup fields (scope, value, duration, status, flagged) plus its type, time and details. */
export type MetricEventInput = Omit<RollupInput, "type" | "at"> & {
  type: MetricEventType;
  at?: Date;
  meta?: Record<string, unknown>;
};

/** Records one event and updates its daily rollups (overall, per domain and per product). */
export async function recordMetricEvent(e: MetricEventInput, client: Tx | typeof db = db): Promise<void> {
  await recordMetricEvents([e], client);
}

/**
 * Records many events in ONE statement: raw rows plus their rollups, aggregated per day and key before the
 * upsert, so a bulk load (seed history, benchmarks) leaves rollups exactly as one-by-one recording would.
 * Callers batch (a few thousand events per call keeps the parameter arrays reasonable).
 */
export async function recordMetricEvents(events: MetricEventInput[], client: Tx | typeof db = db): Promise<number> {
  if (events.length === 0) return 0;
  const now = new Date().toISOString();
  const rows: Array<Record<string, unknown>> = [];
  const keys: Array<Record<string, unknown>> = [];
  for (const e of events) {
    const at = e.at ? e.at.toISOString() : now;
    rows.push({
      at,
      type: e.type,
      product_id: e.productId ?? null,
      domain_id: e.domainId ?? null,
      user_id: e.userId ?? null,
      value: e.value ?? null,
      duration_ms: e.durationMs ?? null,
      status: e.status ?? null,
      // An explicit flag is kept on the raw event, so rollups can be rebuilt from raw events alone.
      meta: e.flagged === undefined ? (e.meta ?? {}) : { ...e.meta, flagged: e.flagged },
    });
    for (const key of rollupKeys({ ...e, at })) {
      keys.push({
        day: key.day,
        type: key.type,
        domain_id: key.domainId,
        product_id: key.productId,
        measure: key.measure,
        flagged: key.flagged ? 1 : 0,
      });
    }
  }
  // Events and rollup keys travel as two JSON documents (one parameter each: far cheaper than many array
  // parameters). Timestamps are ISO strings read as UTC, so a rollup's day is the event's UTC day.
  await client.$executeRaw(Prisma.sql`
    WITH ev AS (
      INSERT INTO metric_events (at, type, product_id, domain_id, user_id, value, duration_ms, status, meta)
      SELECT (t.at::timestamptz AT TIME ZONE 'UTC'), t.type, t.product_id, t.domain_id, t.user_id, t.value, t.duration_ms, t.status, t.meta
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
           AS t(at text, type text, product_id uuid, domain_id uuid, user_id uuid, value float8, duration_ms float8, status int, meta jsonb)
      RETURNING 1
    )
    INSERT INTO metric_rollups (day, type, domain_id, product_id, count, sum, min, max, flagged)
    SELECT k.day, k.type, k.domain_id, k.product_id, count(*), coalesce(sum(k.measure), 0), min(k.measure), max(k.measure), sum(k.flagged)
    FROM jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) AS k(day date, type text, domain_id text, product_id text, measure float8, flagged int)
    GROUP BY 1, 2, 3, 4
    ON CONFLICT (day, type, domain_id, product_id) DO UPDATE SET
      count = metric_rollups.count + EXCLUDED.count,
      sum = metric_rollups.sum + EXCLUDED.sum,
      min = LEAST(metric_rollups.min, EXCLUDED.min),
      max = GREATEST(metric_rollups.max, EXCLUDED.max),
      flagged = metric_rollups.flagged + EXCLUDED.flagged`);
  return events.length;
}

/**
 * Rebuilds the rollups of the given event types from the raw events (used after the demo seed moves its
 * timestamps back in time, and as a repair tool). Runs in one transaction and loads the raw events of those
 * types into memory: meant for low-volume types (publications, registrations), not for reads or requests.
 */
export async function rebuildRollups(types: MetricEventType[]): Promise<void> {
  if (types.length === 0) return;
  await db.$transaction(async (tx) => {
    const rows = await tx.metricEvent.findMany({
      where: { type: { in: types } },
      select: {
        at: true,
        type: true,
        productId: true,
        domainId: true,
        userId: true,
        value: true,
        durationMs: true,
        status: true,
        meta: true,
      },
    });
    const keys: Array<Record<string, unknown>> = [];
    for (const r of rows) {
      const flagged = (r.meta as { flagged?: boolean } | null)?.flagged;
      for (const key of rollupKeys({ ...r, at: r.at.toISOString(), flagged })) {
        keys.push({
          day: key.day,
          type: key.type,
          domain_id: key.domainId,
          product_id: key.productId,
          measure: key.measure,
          flagged: key.flagged ? 1 : 0,
        });
      }
    }
    // Every rollup type these events feed: the type itself and its grains, its histogram, its consumer sets.
    // The type names contain "_", a LIKE wildcard: escaped so that only the intended rows go.
    const patterns = types.flatMap((t) => [escapeLike(t), `${escapeLike(t)}@%`, `${escapeLike(t)}:le:%`]);
    if (types.includes("product_read")) patterns.push(`${escapeLike(ACTIVE_CONSUMER_TYPE)}%`);
    await tx.$executeRaw`DELETE FROM metric_rollups WHERE type LIKE ANY(${patterns}::text[])`;
    if (keys.length === 0) return;
    await tx.$executeRaw`
      INSERT INTO metric_rollups (day, type, domain_id, product_id, count, sum, min, max, flagged)
      SELECT k.day, k.type, k.domain_id, k.product_id, count(*), coalesce(sum(k.measure), 0), min(k.measure), max(k.measure), sum(k.flagged)
      FROM jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) AS k(day date, type text, domain_id text, product_id text, measure float8, flagged int)
      GROUP BY 1, 2, 3, 4`;
  });
}
