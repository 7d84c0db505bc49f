// CSV for the audit export (RFC 4180); cells go through the shared escaper, which neutralises formulas.
import { csvCell } from "@/lib/csv";

export type AuditCsvRow = {
  id: string;
  at: string;
  subject: string;
  action: string;
  resource: string;
  decision: string;
  reason: string;
  policyId: string | null;
  policyVersion: number | null;
  requestId: string | null;
};

export const AUDIT_CSV_COLUMNS = [
  "id",
  "at",
  "subject",
  "action",
  "resource",
  "decision",
  "reason",
  "policy_id",
  "policy_version",
  "request_id",
] as const;

export function csvLine(values: readonly (string | number | null | undefined)[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

export function auditCsvHeader(): string {
  return csvLine(AUDIT_CSV_COLUMNS);
}

export function auditCsvLine(r: AuditCsvRow): string {
  return csvLine([r.id, r.at, r.subject, r.action, r.resource, r.decision, r.reason, r.policyId, r.policyVersion, r.requestId]);
}
