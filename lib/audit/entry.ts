// What one audit row may hold. The log is append-only (a trigger refuses UPDATE and DELETE), so anything
// written there stays for good: every text is stripped of control characters and cut to a fixed length,
// and the JSON context is bounded in depth, width and size, whatever a caller passes. Pure.
import { cleanText } from "@/lib/text";

/** Longest value kept per column (the audit page's filters accept the same lengths). */
export const AUDIT_LIMITS = {
  subject: 320,
  action: 100,
  resource: 300,
  reason: 1000,
  policyId: 200,
  requestId: 200,
  contextText: 300,
} as const;
const CONTEXT_KEYS = 40;
const CONTEXT_ITEMS = 40;
const CONTEXT_DEPTH = 4;
const CONTEXT_BYTES = 8_000;

export type AuditText = {
  subject: string;
  action: string;
  resource: string;
  reason: string;
  policyId?: string | null;
  requestId?: string | null;
};

/** The row's texts, cleaned and bounded. */
export function boundAuditText<T extends AuditText>(entry: T): T {
  return {
    ...entry,
    subject: cleanText(entry.subject, AUDIT_LIMITS.subject),
    action: cleanText(entry.action, AUDIT_LIMITS.action),
    resource: cleanText(entry.resource, AUDIT_LIMITS.resource),
    reason: cleanText(entry.reason, AUDIT_LIMITS.reason),
    policyId: entry.policyId == null ? entry.policyId : cleanText(entry.policyId, AUDIT_LIMITS.policyId),
    requestId: entry.requestId == null ? entry.requestId : cleanText(entry.requestId, AUDIT_LIMITS.requestId),
  };
}

function boundValue(value: unknown, depth: number): unknown {
  if (value === null || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string") return cleanText(value, AUDIT_LIMITS.contextText);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (depth >= CONTEXT_DEPTH) return "…";
  if (Array.isArray(value)) return value.slice(0, CONTEXT_ITEMS).map((v) => boundValue(v, depth + 1));
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value).slice(0, CONTEXT_KEYS)) {
      if (v === undefined || typeof v === "function" || typeof v === "symbol") continue;
      // defineProperty: a "__proto__" key stays a plain key instead of replacing the prototype.
      Object.defineProperty(out, cleanText(k, 100), {
        value: boundValue(v, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return null;
}

/** The JSON context, bounded; a context still too large after that is replaced by a note saying so. */
export function boundAuditContext(context: Record<string, unknown> | undefined): Record<string, unknown> {
  const bounded = (boundValue(context ?? {}, 0) ?? {}) as Record<string, unknown>;
  const size = Buffer.byteLength(JSON.stringify(bounded));
  return size <= CONTEXT_BYTES ? bounded : { truncated: true, bytes: size };
}
