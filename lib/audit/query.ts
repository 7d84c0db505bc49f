// The audit log's filters, parsed from a URL's search parameters (the audit page and its CSV export read
// the same ones). Pure: parsing and bounds only; lib/audit/log.ts turns them into a query.
import { z } from "zod";
import { withoutControls } from "@/lib/text";

export const AUDIT_PAGE_SIZE = 50;
export const DECISIONS = ["allow", "deny"] as const;

/** Actions the portal writes, offered as suggestions (the filter accepts any text). */
export const KNOWN_AUDIT_ACTIONS = [
  "read",
  "write",
  "delete",
  "manage",
  "lifecycle:in_review",
  "lifecycle:published",
  "lifecycle:draft",
  "lifecycle:deprecated",
  "lifecycle:retired",
  "acknowledge_warnings",
  "validate_product",
  "revalidate_all",
  "export_audit",
] as const;

export type AuditFilters = {
  subject?: string; // contains, case-insensitive
  resource?: string; // contains, case-insensitive
  action?: string; // exact
  decision?: (typeof DECISIONS)[number];
  from?: Date; // inclusive
  to?: Date; // inclusive
};

export type AuditCursor = { before?: bigint; after?: bigint };

export type ParsedAuditQuery = { filters: AuditFilters; cursor: AuditCursor; errors: Record<string, string[]> };

// "2026-11-27", "2026-11-27T10:15", "2026-11-27T10:15:30", optionally with seconds fraction and a zone.
// Times without a zone are UTC, as the page says.
const TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

export function parseTime(value: string, endOfRange = false): Date | null {
  if (!TIME.test(value)) return null;
  // Date() rolls 2026-02-30 over to March; a calendar day that does not exist is an error instead.
  const [y, m, day] = value.slice(0, 10).split("-").map(Number);
  if (new Date(Date.UTC(y, m - 1, day)).getUTCDate() !== day || m < 1 || m > 12) return null;
  let text = value;
  if (!text.includes("T")) text += endOfRange ? "T23:59:59.999" : "T00:00:00";
  else if (/T\d{2}:\d{2}$/.test(text) && endOfRange) text += ":59.999";
  if (!/(Z|[+-]\d{2}:\d{2})$/.test(text)) text += "Z";
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? null : d;
}

// Control characters (a NUL would make PostgreSQL fail the whole query) become spaces before the bounds.
const text = (max: number) => z.string().transform(withoutControls).pipe(z.string().trim().max(max)).optional();
const schema = z.object({
  subject: text(320),
  resource: text(300),
  action: text(100),
  decision: z.enum(DECISIONS).optional(),
  from: z.string().trim().optional(),
  to: z.string().trim().optional(),
  before: z
    .string()
    .regex(/^\d{1,19}$/)
    .optional(),
  after: z
    .string()
    .regex(/^\d{1,19}$/)
    .optional(),
});

const FIELD_MESSAGES: Record<string, string> = {
  subject: "Keep the subject under 320 characters.",
  resource: "Keep the resource under 300 characters.",
  action: "Keep the action under 100 characters.",
  decision: "Choose allow or deny.",
  before: "Invalid page link.",
  after: "Invalid page link.",
};

/** Reads the filters; a bad value is reported against its field and left out, never trusted. */
export function parseAuditQuery(params: Record<string, string | string[] | undefined>): ParsedAuditQuery {
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) {
    const value = Array.isArray(v) ? v[0] : v;
    if (value !== undefined && value.trim() !== "") flat[k] = value;
  }
  const errors: Record<string, string[]> = {};
  const data: Record<string, string> = {};
  // Field by field, so one bad value does not discard the others.
  for (const key of Object.keys(schema.shape) as (keyof typeof schema.shape)[]) {
    if (flat[key] === undefined) continue;
    const one = schema.shape[key].safeParse(flat[key]);
    if (one.success && one.data !== undefined) data[key] = one.data;
    else errors[key] = [FIELD_MESSAGES[key] ?? "Invalid value."];
  }
  const filters: AuditFilters = {};
  if (data.subject) filters.subject = data.subject;
  if (data.resource) filters.resource = data.resource;
  if (data.action) filters.action = data.action;
  if (data.decision) filters.decision = data.decision as AuditFilters["decision"];
  for (const key of ["from", "to"] as const) {
    if (!data[key]) continue;
    const d = parseTime(data[key], key === "to");
    if (d) filters[key] = d;
    else errors[key] = ["Use a date and time like 2026-11-27T14:30 (UTC)."];
  }
  if (filters.from && filters.to && filters.from > filters.to) {
    errors.to = ["The end must not be before the start."];
    delete filters.to;
  }
  const cursor: AuditCursor = {};
  if (data.after) cursor.after = BigInt(data.after);
  else if (data.before) cursor.before = BigInt(data.before);
  return { filters, cursor, errors };
}

/** The filters as search parameters (for pagination and export links). */
export function auditFilterParams(filters: AuditFilters): Record<string, string> {
  const out: Record<string, string> = {};
  if (filters.subject) out.subject = filters.subject;
  if (filters.resource) out.resource = filters.resource;
  if (filters.action) out.action = filters.action;
  if (filters.decision) out.decision = filters.decision;
  if (filters.from) out.from = filters.from.toISOString();
  if (filters.to) out.to = filters.to.toISOString();
  return out;
}
