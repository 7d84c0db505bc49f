// The audit writer (the seed's AuditLogger): one append-only row per decision, bounded and cleaned
// (entry.ts), anonymous refusals counted rather than logged one by one (anonymous-refusals.ts). Every
// area writes its decisions through audit(); governance's enforce() is one caller among several.
import "server-only";
import { randomUUID } from "node:crypto";
import { cache } from "react";
import { headers } from "next/headers";
import { db, type Tx } from "@/lib/db";
import { logger } from "@/lib/logger";
import { acceptedRequestId } from "@/lib/request-id";
import { boundAuditContext, boundAuditText } from "@/lib/audit/entry";
import { busiestAnonymousRefusals, countAnonymousRefusal, FIRST_ROWS_PER_WINDOW, WINDOW_SECONDS } from "@/lib/audit/anonymous-refusals";

/**
 * The request's correlation id: the `x-request-id` header when it is a valid one (proxy.ts sets one; a
 * route it skips sees the client's), else a fresh id that every audit row of this request shares.
 * Outside a request (seed, jobs, tests) each call gets its own.
 */
export const currentRequestId = cache(async (): Promise<string> => {
  try {
    const given = acceptedRequestId((await headers()).get("x-request-id"));
    if (given) return given;
  } catch {
    // Not inside a request.
  }
  return randomUUID();
});

export type AuditInput = {
  subject: string;
  action: string;
  resource: string;
  decision: "allow" | "deny";
  reason: string;
  policyId?: string | null;
  policyVersion?: number | null;
  requestId?: string | null;
  context?: Record<string, unknown>;
};

/**
 * The seed's AuditLogger.log_decision: one append-only row per decision. Pass the transaction client
 * to make the row part of the change it authorises (it then commits or rolls back with it; errors
 * propagate so the change fails with it). Without a client it never throws and returns null on failure.
 *
 * Every row is bounded and cleaned here (lib/audit/entry.ts), whatever the caller passed.
 * Refusals of anonymous visitors are counted rather than logged one by one (anonymous-refusals.ts);
 * for those that are only counted the answer is "counted", not a row id.
 */
export async function audit(entry: AuditInput, client?: Tx): Promise<string | null> {
  const text = boundAuditText({ ...entry, requestId: entry.requestId ?? (await currentRequestId()) });
  const row: Row = {
    ...text,
    policyId: text.policyId ?? null,
    policyVersion: entry.policyVersion ?? null,
    requestId: text.requestId ?? null,
    context: boundAuditContext(entry.context),
  };
  const counted = row.subject === ANONYMOUS && row.decision === "deny";
  if (client) return counted ? anonymousRefusal(client, row) : write(client, row);
  try {
    return counted ? await anonymousRefusal(db, row) : await write(db, row);
  } catch (err) {
    // An unrecorded decision must not pass silently: log loudly; enforce() turns an allow into a deny.
    logger.error({ err, entry: row }, "audit log write failed");
    return null;
  }
}

/**
 * Rows of frequent, routine allows (an API token's every use) are written in batches: one multi-row INSERT per
 * BATCH_MS (or per BATCH_MAX rows), durable, instead of one commit per request. Each row keeps the time of its
 * decision. What a crash can lose is the last BATCH_MS of such rows; refusals and changes never take this path
 * (they use audit()). Never throws; a failed batch is logged loudly, like a failed audit() without a client.
 */
export async function auditBatched(entry: AuditInput): Promise<void> {
  const at = new Date();
  const text = boundAuditText({ ...entry, requestId: entry.requestId ?? (await currentRequestId()) });
  batch.push({
    ...text,
    at,
    policyId: text.policyId ?? null,
    policyVersion: entry.policyVersion ?? null,
    requestId: text.requestId ?? null,
    context: boundAuditContext(entry.context),
  });
  if (batch.length >= BATCH_MAX) void flushAuditBatch();
  else batchTimer ??= setTimeout(() => void flushAuditBatch(), BATCH_MS);
}

const BATCH_MS = 20;
const BATCH_MAX = 500;
let batch: Array<Row & { at: Date }> = [];
let batchTimer: NodeJS.Timeout | null = null;

const asRecord = (r: Row & { at: Date }) => ({
  at: r.at.toISOString(),
  subject: r.subject,
  action: r.action,
  resource: r.resource,
  decision: r.decision,
  reason: r.reason,
  policy_id: r.policyId,
  policy_version: r.policyVersion,
  request_id: r.requestId,
  context: r.context,
});

/** Writes the rows waiting in the batch now (also on shutdown and in tests). */
export async function flushAuditBatch(): Promise<void> {
  if (batchTimer) clearTimeout(batchTimer);
  batchTimer = null;
  const rows = batch;
  batch = [];
  if (rows.length === 0) return;
  try {
    // One parameter (the rows as JSON) rather than Prisma's createMany: building a many-row statement in the
    // client costs milliseconds of event-loop time, which every request of the process would wait behind.
    await db.$executeRaw`
      INSERT INTO audit_events (at, subject, action, resource, decision, reason, policy_id, policy_version, request_id, context)
      SELECT (r.at AT TIME ZONE 'UTC'), r.subject, r.action, r.resource, r.decision::"Decision", r.reason, r.policy_id,
             r.policy_version, r.request_id, coalesce(r.context, '{}'::jsonb)
      FROM jsonb_to_recordset(${JSON.stringify(rows.map(asRecord))}::jsonb) AS r(at timestamptz, subject text, action text,
        resource text, decision text, reason text, policy_id text, policy_version int, request_id text, context jsonb)`;
  } catch (err) {
    logger.error({ err, rows: rows.length, entry: rows[0] }, "audit log batch write failed");
  }
}

const ANONYMOUS = "anonymous";

type Client = Tx | typeof db;
type Row = {
  subject: string;
  action: string;
  resource: string;
  decision: "allow" | "deny";
  reason: string;
  policyId: string | null;
  policyVersion: number | null;
  requestId: string | null;
  context: Record<string, unknown>;
};

async function write(client: Client, row: Row): Promise<string> {
  const created = await client.auditEvent.create({ data: { ...row, context: row.context as object }, select: { id: true } });
  return created.id.toString();
}

async function anonymousRefusal(client: Client, row: Row): Promise<string> {
  const counted = await countAnonymousRefusal(row.action, row.resource, client);
  const window = counted.window.toISOString();
  const minutes = WINDOW_SECONDS / 60;
  let id = "counted";
  if (counted.first) {
    id = await write(client, {
      ...row,
      context: {
        ...row.context,
        anonymousWindow: window,
        note: `Further refusals of this action on this resource in the ${minutes}-minute window are counted, not logged.`,
      },
    });
  }
  const summary = { ...row, action: "anonymous_refusals", resource: "*", policyId: "portal-permissions", policyVersion: null };
  if (counted.overflow) {
    await write(client, {
      ...summary,
      reason: `More than ${FIRST_ROWS_PER_WINDOW} different anonymous refusals since ${window}; the rest of the window is only counted.`,
      context: { anonymousWindow: window },
    });
  }
  if (counted.summary) {
    const busiest = await busiestAnonymousRefusals(counted.window, client);
    await write(client, {
      ...summary,
      reason: `${counted.total} anonymous refusals since ${window}.`,
      context: { anonymousWindow: window, total: counted.total, busiest },
    });
  }
  return id;
}
