// The one way a compliance violation is recorded (openViolation) and cleared (resolveCleared): every
// monitoring rule (retention, access, quality) goes through here. One open row per rule + product + detail,
// kept by a partial unique index, so a condition seen again (by the next run, or by a second worker at the
// same time) only moves last_seen_at; it is resolved when a run no longer sees it, and resolved_at - opened_at
// is the time to resolve.
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db, type Tx } from "@/lib/db";
import { publishEvent } from "@/lib/notifications/server";

import type { MonitorRule } from "./schedule";

export { MONITOR_RULES, type MonitorRule } from "./schedule";
export type Severity = "warning" | "error";

export type ViolationInput = {
  rule: MonitorRule;
  productId: string;
  domainId: string;
  /** Stable between runs: what exactly is wrong ("expired-rows:dp_x.orders_v1", "privilege:role:DELETE"). */
  detail: string;
  severity: Severity;
  message: string;
  context?: Record<string, unknown>;
};

export type OpenedViolation = { id: string; opened: boolean };

/**
 * Records a violation: a new row when none is open for rule + product + detail (opened: true), else the open
 * row's last_seen_at, message and context are refreshed (opened: false).
 *
 * The AlertingService: a newly opened violation is announced (event "compliance.violation": governance and
 * the domain's owners in the portal, by e-mail as they chose, and the domain's and the mesh's webhooks), in
 * the caller's transaction when there is one, so a rolled-back run announces nothing. A refreshed one is not.
 */
export async function openViolation(v: ViolationInput, client: Tx | typeof db = db, at: Date = new Date()): Promise<OpenedViolation> {
  const [row] = await client.$queryRaw<{ id: string; opened: boolean }[]>(Prisma.sql`
    INSERT INTO compliance_violations (id, rule, product_id, domain_id, detail, severity, message, context, opened_at, last_seen_at)
    VALUES (gen_random_uuid(), ${v.rule}, ${v.productId}::uuid, ${v.domainId}::uuid, ${v.detail}, ${v.severity}, ${v.message},
            ${JSON.stringify(v.context ?? {})}::jsonb, ${at}, ${at})
    ON CONFLICT (rule, product_id, detail) WHERE resolved_at IS NULL
    DO UPDATE SET last_seen_at = EXCLUDED.last_seen_at, message = EXCLUDED.message, context = EXCLUDED.context,
                  severity = EXCLUDED.severity
    RETURNING id::text, (xmax = 0) AS opened`);
  if (row.opened) await announce(v, row.id, client);
  return row;
}

async function announce(v: ViolationInput, violationId: string, client: Tx | typeof db): Promise<void> {
  const product = await client.dataProduct.findUnique({
    where: { id: v.productId },
    select: { id: true, name: true, domain: { select: { slug: true } } },
  });
  if (!product) return;
  const event = {
    type: "compliance.violation" as const,
    domain: product.domain.slug,
    product: { id: product.id, domain: product.domain.slug, name: product.name },
    rule: v.rule,
    message: v.message,
    violationId,
  };
  // publishEvent never throws; inside a transaction it writes behind a savepoint of its own.
  await publishEvent(event, client === db ? undefined : (client as Tx));
}

/**
 * A violation that was found and dealt with in the same run (a privilege the policy forbids, revoked by the
 * monitor): recorded open and resolved at once, so the history shows it and what was done.
 */
export async function recordHandledViolation(
  v: ViolationInput,
  resolution: string,
  client: Tx | typeof db = db,
  at: Date = new Date(),
): Promise<string> {
  const { id } = await openViolation(v, client, at);
  await client.complianceViolation.update({ where: { id }, data: { resolvedAt: at, resolution } });
  return id;
}

/**
 * Resolves the open violations of `rule` on `productId` whose detail is not in `stillSeen`: the run that just
 * looked no longer found them. Returns how many were resolved.
 */
export async function resolveCleared(
  rule: MonitorRule,
  productId: string,
  stillSeen: readonly string[],
  client: Tx | typeof db = db,
  at: Date = new Date(),
  resolution = "cleared",
): Promise<number> {
  const { count } = await client.complianceViolation.updateMany({
    where: { rule, productId, resolvedAt: null, detail: { notIn: [...stillSeen] } },
    data: { resolvedAt: at, resolution },
  });
  return count;
}
