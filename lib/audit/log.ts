// Reading the append-only audit log: filtered, newest first, paged by id (keyset), so page 1000 costs
// the same as page 1 and new entries arriving meanwhile do not shift the pages.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { escapeLike } from "@/lib/like";
import { AUDIT_PAGE_SIZE, type AuditCursor, type AuditFilters } from "@/lib/audit/query";
import type { AuditCsvRow } from "@/lib/audit/csv";

export type AuditEventDto = AuditCsvRow & { decision: "allow" | "deny" };

export type AuditPage = { rows: AuditEventDto[]; hasOlder: boolean; hasNewer: boolean };

export function auditWhere(f: AuditFilters): Prisma.AuditEventWhereInput {
  return {
    ...(f.subject ? { subject: { contains: escapeLike(f.subject), mode: "insensitive" } } : {}),
    ...(f.resource ? { resource: { contains: escapeLike(f.resource), mode: "insensitive" } } : {}),
    ...(f.action ? { action: f.action } : {}),
    ...(f.decision ? { decision: f.decision } : {}),
    ...(f.from || f.to ? { at: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lte: f.to } : {}) } } : {}),
  };
}

const SELECT = {
  id: true,
  at: true,
  subject: true,
  action: true,
  resource: true,
  decision: true,
  reason: true,
  policyId: true,
  policyVersion: true,
  requestId: true,
} as const;
type Row = Prisma.AuditEventGetPayload<{ select: typeof SELECT }>;

function toDto(r: Row): AuditEventDto {
  return {
    id: r.id.toString(),
    at: r.at.toISOString(),
    subject: r.subject,
    action: r.action,
    resource: r.resource,
    decision: r.decision,
    reason: r.reason,
    policyId: r.policyId,
    policyVersion: r.policyVersion,
    requestId: r.requestId,
  };
}

export async function listAuditEvents(filters: AuditFilters, cursor: AuditCursor = {}, pageSize = AUDIT_PAGE_SIZE): Promise<AuditPage> {
  const where = auditWhere(filters);
  if (cursor.after !== undefined) {
    // Going back towards newer entries: read upwards, then show newest first again.
    const rows = await db.auditEvent.findMany({
      where: { ...where, id: { gt: cursor.after } },
      orderBy: { id: "asc" },
      take: pageSize + 1,
      select: SELECT,
    });
    const hasNewer = rows.length > pageSize;
    return { rows: rows.slice(0, pageSize).reverse().map(toDto), hasNewer, hasOlder: true };
  }
  const rows = await db.auditEvent.findMany({
    where: cursor.before !== undefined ? { ...where, id: { lt: cursor.before } } : where,
    orderBy: { id: "desc" },
    take: pageSize + 1,
    select: SELECT,
  });
  return { rows: rows.slice(0, pageSize).map(toDto), hasOlder: rows.length > pageSize, hasNewer: cursor.before !== undefined };
}

/** Every matching entry, newest first, fetched in chunks (for the CSV export's stream). */
export async function* iterateAuditEvents(filters: AuditFilters, chunk = 1000): AsyncGenerator<AuditEventDto[]> {
  const where = auditWhere(filters);
  let before: bigint | undefined;
  for (;;) {
    const rows = await db.auditEvent.findMany({
      where: before !== undefined ? { ...where, id: { lt: before } } : where,
      orderBy: { id: "desc" },
      take: chunk,
      select: SELECT,
    });
    if (rows.length === 0) return;
    yield rows.map(toDto);
    if (rows.length < chunk) return;
    before = rows[rows.length - 1].id;
  }
}
