// The one way features record what happened, for the success metrics. Each event is stored raw
// (append-only) and folded into its daily rollups in the same statement, so dashboards read rollups and
// never scan raw events. Which rollup rows an event feeds is decided by rollupKeys (lib/metrics/rollup-keys.ts):
// overall / domain / product counts per day, week and month, a latency histogram for duration-type events,
// and each reader's bit in the distinct-consumer sets.
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db, RELAXED_COMMIT, type Tx } from "@/lib/db";
import { escapeLike } from "@/lib/like";
import { logger } from "@/lib/logger";
import { timedBatch } from "@/lib/timed-batch";
import {
  ACTIVE_CONSUMER_TYPE,
  CONSUMER_CHUNK_BITS,
  rollupKeys,
  type Grain,
  type RollupInput,
  type RollupKey,
} from "@/lib/metrics/rollup-keys";

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
 * For the events every API request records (api_request, product_read): kept for 20 ms (or 500 events, lib/timed-batch.ts)
 * and written by one recordMetricEvents call, instead of one statement per request whose rollup upserts queue
 * on the same rows under load. Each event keeps the time it happened. Usage events are bookkeeping (their commit
 * is relaxed already): what a crash can lose is the last 20 ms of them. Never throws; a failed batch is logged.
 */
export function recordMetricEventsBatched(events: MetricEventInput[]): void {
  const at = new Date();
  metricBatch.add(events.map((e) => (e.at ? e : { ...e, at })));
}

const metricBatch = timedBatch<MetricEventInput>(
  async (events) => {
    try {
      await recordMetricEvents(events);
    } catch (err) {
      logger.warn({ err, events: events.length }, "could not record a batch of usage metrics");
    }
  },
  { ms: 20, max: 500 },
);

/** Writes the batched events now (also in tests). */
export function flushMetricBatch(): Promise<void> {
  return metricBatch.flush();
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
  const keys = new RollupRows();
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
    keys.add(rollupKeys({ ...e, at }));
  }
  // Events and rollup keys travel as JSON documents (one parameter each: far cheaper than many array
  // parameters). Timestamps are ISO strings read as UTC, so a rollup's day is the event's UTC day.
  // Usage events are bookkeeping: recorded on their own (not in a caller's transaction), their commit does not
  // wait for its WAL flush (RELAXED_COMMIT), which also shortens how long concurrent readers queue on the
  // same rollup rows.
  const relaxed = client === db ? RELAXED_COMMIT : Prisma.sql`SELECT NULL AS relaxed`;
  await client.$executeRaw(Prisma.sql`
    WITH relaxed AS (${relaxed}),
    ev AS (
      INSERT INTO metric_events (at, type, product_id, domain_id, user_id, value, duration_ms, status, meta)
      SELECT (t.at::timestamptz AT TIME ZONE 'UTC'), t.type, t.product_id, t.domain_id, t.user_id, t.value, t.duration_ms, t.status, t.meta
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
           AS t(at text, type text, product_id uuid, domain_id uuid, user_id uuid, value float8, duration_ms float8, status int, meta jsonb)
      WHERE EXISTS (SELECT 1 FROM relaxed)
      RETURNING 1
    ),
    ${keys.upserts()}`);
  return events.length;
}

/** Rollup keys gathered for one upsert: counter rows for metric_rollups, consumer keys for metric_consumer_sets. */
class RollupRows {
  private readonly counters: Array<Record<string, unknown>> = [];
  private readonly consumers: Array<{ day: string; grain: Grain; domain_id: string; user_id: string }> = [];

  add(keys: RollupKey[]): void {
    for (const key of keys) {
      const [base, grain = "day"] = key.type.split("@");
      if (base === ACTIVE_CONSUMER_TYPE)
        this.consumers.push({ day: key.day, grain: grain as Grain, domain_id: key.domainId, user_id: key.productId });
      else
        this.counters.push({
          day: key.day,
          type: key.type,
          domain_id: key.domainId,
          product_id: key.productId,
          measure: key.measure,
          flagged: key.flagged ? 1 : 0,
        });
    }
  }

  get empty(): boolean {
    return this.counters.length === 0 && this.consumers.length === 0;
  }

  /**
   * The upserts as the tail of one WITH statement (one statement: all or nothing, no extra round trip).
   * Counters add up per key. A reader gets a number the first time they are seen (metric_consumers; a
   * brand-new one is inserted, and ON CONFLICT DO UPDATE returns the row even when a concurrent recorder
   * inserted it first, so no bit is lost), and their bit is OR-ed into each (day, grain, domain) set.
   * Every upsert takes its rows in key order, so concurrent recorders lock shared rows in the same order
   * and cannot deadlock.
   */
  upserts(): Prisma.Sql {
    return Prisma.sql`
    ro AS (
      INSERT INTO metric_rollups (day, type, domain_id, product_id, count, sum, min, max, flagged)
      SELECT k.day, k.type, k.domain_id, k.product_id, count(*), coalesce(sum(k.measure), 0), min(k.measure), max(k.measure), sum(k.flagged)
      FROM jsonb_to_recordset(${JSON.stringify(this.counters)}::jsonb) AS k(day date, type text, domain_id text, product_id text, measure float8, flagged int)
      GROUP BY 1, 2, 3, 4
      ORDER BY 1, 2, 3, 4
      ON CONFLICT (day, type, domain_id, product_id) DO UPDATE SET
        count = metric_rollups.count + EXCLUDED.count,
        sum = metric_rollups.sum + EXCLUDED.sum,
        min = LEAST(metric_rollups.min, EXCLUDED.min),
        max = GREATEST(metric_rollups.max, EXCLUDED.max),
        flagged = metric_rollups.flagged + EXCLUDED.flagged
      RETURNING 1
    ),
    ck AS (SELECT * FROM jsonb_to_recordset(${JSON.stringify(this.consumers)}::jsonb) AS c(day date, grain text, domain_id text, user_id uuid)),
    known AS (SELECT m.user_id, m.n FROM metric_consumers m WHERE m.user_id IN (SELECT user_id FROM ck)),
    fresh AS (
      INSERT INTO metric_consumers (user_id)
      SELECT DISTINCT ck.user_id FROM ck WHERE NOT EXISTS (SELECT 1 FROM known WHERE known.user_id = ck.user_id) ORDER BY 1
      ON CONFLICT (user_id) DO UPDATE SET n = metric_consumers.n
      RETURNING user_id, n
    ),
    num AS (SELECT user_id, n FROM known UNION ALL SELECT user_id, n FROM fresh)
    INSERT INTO metric_consumer_sets (day, grain, domain_id, chunk, bits)
    SELECT ck.day, ck.grain, ck.domain_id, num.n / ${CONSUMER_CHUNK_BITS}::int, bit_or(B'1'::bit(${Prisma.raw(String(CONSUMER_CHUNK_BITS))}) >> (num.n % ${CONSUMER_CHUNK_BITS}::int))
    FROM ck JOIN num ON num.user_id = ck.user_id
    GROUP BY 1, 2, 3, 4
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (day, grain, domain_id, chunk) DO UPDATE SET bits = metric_consumer_sets.bits | EXCLUDED.bits`;
  }
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
    const keys = new RollupRows();
    for (const r of rows) {
      const flagged = (r.meta as { flagged?: boolean } | null)?.flagged;
      keys.add(rollupKeys({ ...r, at: r.at.toISOString(), flagged }));
    }
    // Every rollup type these events feed: the type itself and its grains, its histogram; product reads also
    // feed the consumer sets. The type names contain "_", a LIKE wildcard: escaped so that only the intended rows go.
    const patterns = types.flatMap((t) => [escapeLike(t), `${escapeLike(t)}@%`, `${escapeLike(t)}:le:%`]);
    await tx.$executeRaw`DELETE FROM metric_rollups WHERE type LIKE ANY(${patterns}::text[])`;
    if (types.includes("product_read")) await tx.$executeRaw`DELETE FROM metric_consumer_sets`;
    if (keys.empty) return;
    await tx.$executeRaw`WITH ${keys.upserts()}`;
  });
}
