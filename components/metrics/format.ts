// Display formats of the metric figures. "—" means unknown (no events yet), never zero.
const nf = new Intl.NumberFormat("en", { maximumFractionDigits: 0 });
const nf1 = new Intl.NumberFormat("en", { maximumFractionDigits: 1 });
const nfCompact = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });

export const DASH = "—";

export function fmtCount(v: number | null | undefined): string {
  if (v === null || v === undefined) return DASH;
  return Math.abs(v) >= 100_000 ? nfCompact.format(v) : nf.format(v);
}

export function fmtDecimal(v: number | null | undefined, digits = 1): string {
  if (v === null || v === undefined) return DASH;
  return new Intl.NumberFormat("en", { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(v);
}

/** A ratio (0..1) as a percentage; availability needs two decimals to mean anything. */
export function fmtPercent(v: number | null | undefined, digits = 1): string {
  if (v === null || v === undefined) return DASH;
  return `${(v * 100).toFixed(digits)} %`;
}

export function fmtScore(v: number | null | undefined): string {
  return v === null || v === undefined ? DASH : `${nf1.format(v)} / 100`;
}

export function fmtDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return DASH;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 90) return `${nf1.format(s)} s`;
  const m = s / 60;
  if (m < 90) return `${nf1.format(m)} min`;
  const h = m / 60;
  if (h < 48) return `${nf1.format(h)} h`;
  return `${nf1.format(h / 24)} days`;
}

export function fmtBytes(v: number | null | undefined): string {
  if (v === null || v === undefined) return DASH;
  const units = ["B", "kB", "MB", "GB", "TB"];
  let n = v;
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${i === 0 ? nf.format(n) : nf1.format(n)} ${units[i]}`;
}

export function fmtMoney(v: number | null | undefined, currency: string): string {
  if (v === null || v === undefined) return DASH;
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency, maximumFractionDigits: 0 }).format(v);
  } catch {
    return `${nf.format(v)} ${currency}`;
  }
}

const dateFmt = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });
export function fmtDay(day: string): string {
  return dateFmt.format(new Date(`${day.slice(0, 10)}T00:00:00Z`));
}

/**
 * A period-over-period change for a trend line: "+12.5 %", "−3.0 %". A fall of more than 99.95 % that is
 * not a fall to zero would round to "−100.0 %" and read as "gone"; it is written as a division instead
 * ("÷ 8,640": the figure is 8,640 times smaller). Empty when there is no relative change.
 */
export function fmtChange(t: { change: number | null; current: number | null; previous: number | null }): string {
  if (t.change === null) return "";
  if (t.change <= -0.9995 && t.current !== null && t.current > 0 && t.previous !== null) {
    return `÷ ${nf.format(Math.abs(t.previous) / t.current)}`;
  }
  const pct = (t.change * 100).toFixed(1);
  return `${t.change > 0 ? "+" : t.change < 0 && pct !== "-0.0" ? "−" : ""}${pct.replace("-", "")} %`;
}
