// One CSV cell (RFC 4180) for every export. Exports carry text users control (emails, product names,
// reasons that quote them), so a cell a spreadsheet would run as a formula is neutralised first.
export type CsvValue = string | number | boolean | null | undefined;

// = + - @ start formulas in Excel, LibreOffice and Google Sheets; leading whitespace (tab, carriage
// return) can hide them, so it does not count as protection.
const FORMULA_START = /^\s*[=+\-@]|^[\t\r]/;

/** One cell: formula triggers in text get a leading apostrophe; quotes, separators, line breaks and edge whitespace get quoted. Numbers are written as they are (a negative number is not a formula). */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}
