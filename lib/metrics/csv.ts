// CSV for the chart exports (RFC 4180 quoting, formula neutralising via the shared escaper). Numbers
// are rounded to 6 decimals and written as numbers; a non-finite one is an empty cell.
import { csvCell, type CsvValue } from "@/lib/csv";

export type { CsvValue };

function metricCell(v: CsvValue): string {
  if (typeof v === "number") return csvCell(Number.isFinite(v) ? Math.round(v * 1e6) / 1e6 : null);
  return csvCell(v);
}

export function toCsv(columns: string[], rows: Array<Record<string, CsvValue>>): string {
  const lines = [columns.map(metricCell).join(",")];
  for (const r of rows) lines.push(columns.map((c) => metricCell(r[c])).join(","));
  return `${lines.join("\r\n")}\r\n`;
}
