// CSV for the audit export (RFC 4180). Audit rows hold text users control (emails, product names,
// reasons that quote them), so a cell a spreadsheet would run as a formula is neutralised first.
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

export const AUDIT_CSV_COLUMNS = ["id", "at", "subject", "action", "resource", "decision", "reason", "policy_id", "policy_version", "request_id"] as const;

// = + - @ start formulas in Excel, LibreOffice and Google Sheets; leading whitespace (tab, carriage
// return) can hide them, so it does not count as protection.
const FORMULA_START = /^\s*[=+\-@]|^[\t\r]/;

/** One cell: formula triggers get a leading apostrophe; quotes, separators and line breaks get quoted. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly (string | number | null | undefined)[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

export function auditCsvHeader(): string {
  return csvLine(AUDIT_CSV_COLUMNS);
}

export function auditCsvLine(r: AuditCsvRow): string {
  return csvLine([r.id, r.at, r.subject, r.action, r.resource, r.decision, r.reason, r.policyId, r.policyVersion, r.requestId]);
}
