// The audit writer (the seed's AuditLogger): one append-only row per decision, bounded and cleaned
// (entry.ts), anonymous refusals counted rather than logged one by one (anonymous-refusals.ts). Every
// area writes its decisions through audit(); governance's enforce() is one caller among several.
import "server-only";
import { randomUUID } from "node:crypto";
import { cache } from "react";
import { headers } from "next/headers";
import { db, type Tx } from "@/lib/db";
import { bulkInsert, type Columns } from "@/lib/sql";
import { logger } from "@/lib/logger";
import { timedBatch } from "@/lib/timed-batch";
import { requestIdFrom } from "@/lib/request-id";
import { scopedRequestId } from "@/lib/request-scope";
import { boundAuditContext, boundAuditText } from "@/lib/audit/entry";
import { busiestAnonymousRefusals, countAnonymousRefusal, FIRST_ROWS_PER_WINDOW, WINDOW_SECONDS } from "@/lib/audit/anonymous-refusals";

/**
 * The request's correlation id: the one apiRoute set for a REST API request (lib/request-scope.ts), else the
 * `x-request-id` header when it is a valid one (proxy.ts sets one; a route it skips sees the client's), else a
 * fresh id that every audit row of this request shares.
 * Outside a request (seed, jobs, tests) each call gets its own.
 */
export const currentRequestId = cache(async (): Promise<string> => {
  const scoped = scopedRequestId();
  if (scoped) return scoped;
  try {
    return requestIdFrom(await headers());
  } catch {
    return randomUUID(); // not inside a request
  }
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
  const row = await toRow(entry);
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
 * 20 ms (or per 500 rows, lib/timed-batch.ts), durable, instead of one commit per request. Each row keeps the time of its
 * decision. What a crash can lose is the last 20 ms of such rows; refusals and changes never take this path
 * (they use audit()). Never throws; a failed batch is logged loudly, like a failed audit() without a client.
 */
export async function auditBatched(entry: AuditInput): Promise<void> {
  const at = new Date();
  auditBatch.add([{ ...(await toRow(entry)), at }]);
}

const AUDIT_COLUMNS: Columns = [
  ["at", "timestamp(3)"],
  ["subject", "text"],
  ["action", "text"],
  ["resource", "text"],
  ["decision", '"Decision"'],
  ["reason", "text"],
  ["policy_id", "text"],
  ["policy_version", "int"],
  ["request_id", "text"],
  ["context", "jsonb"],
];

const auditBatch = timedBatch<Row & { at: Date }>(
  async (rows) => {
    try {
      // `at` as ISO text in UTC: the column holds UTC without a zone, as Prisma writes it.
      const records = rows.map((r) => ({
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
      }));
      await bulkInsert(db, "audit_events", AUDIT_COLUMNS, records, false);
    } catch (err) {
      logger.error({ err, rows: rows.length, entry: rows[0] }, "audit log batch write failed");
    }
  },
  { ms: 20, max: 500 },
);

/** Writes the rows waiting in the batch now (also in tests). */
export function flushAuditBatch(): Promise<void> {
  return auditBatch.flush();
}

/** The row an entry becomes: its texts and context bounded and cleaned (entry.ts), the request id filled in. */
async function toRow(entry: AuditInput): Promise<Row> {
  const text = boundAuditText({ ...entry, requestId: entry.requestId ?? (await currentRequestId()) });
  return {
    ...text,
    policyId: text.policyId ?? null,
    policyVersion: entry.policyVersion ?? null,
    requestId: text.requestId ?? null,
    context: boundAuditContext(entry.context),
  };
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
