// Date ranges of the dashboards: presets and custom from/to from the URL, the previous period for trends,
// and day → week / month buckets. Days are UTC calendar dates ("YYYY-MM-DD"), like the rollups' days.

export const RANGE_PRESETS = { "30d": 30, "90d": 90, "365d": 365 } as const;
export type RangePreset = keyof typeof RANGE_PRESETS;
/** Longest custom range: two years keeps every chart readable and every query bounded. */
export const MAX_RANGE_DAYS = 731;

export type DateRange = { from: string; to: string; days: number; preset: RangePreset | "custom" };

const DAY_MS = 86_400_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function toDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function parseDay(s: string): Date {
  return new Date(`${s}T00:00:00.000Z`);
}

export function addDays(day: string, n: number): string {
  return toDay(new Date(parseDay(day).getTime() + n * DAY_MS));
}

export function daysBetween(from: string, to: string): number {
  return Math.round((parseDay(to).getTime() - parseDay(from).getTime()) / DAY_MS);
}

function validDay(s: unknown): s is string {
  if (typeof s !== "string" || !ISO_DAY.test(s)) return false;
  const d = parseDay(s);
  return !Number.isNaN(d.getTime()) && toDay(d) === s;
}

export type RangeParams = { range?: string | string[]; from?: string | string[]; to?: string | string[] };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * The range the URL asks for. A valid custom from/to wins (swapped when reversed, capped at MAX_RANGE_DAYS,
 * never beyond today); otherwise a preset; anything unreadable falls back to the last 90 days.
 */
export function parseRange(params: RangeParams, today: Date = new Date()): DateRange {
  const end = toDay(today);
  let from = one(params.from);
  let to = one(params.to);
  if (validDay(from) && validDay(to)) {
    if (from > to) [from, to] = [to, from];
    if (to > end) to = end;
    if (from > to) from = to;
    if (daysBetween(from, to) + 1 > MAX_RANGE_DAYS) from = addDays(to, -(MAX_RANGE_DAYS - 1));
    return { from, to, days: daysBetween(from, to) + 1, preset: "custom" };
  }
  const raw = one(params.range);
  // Own keys only: `"toString" in RANGE_PRESETS` is true and would make the range a function of days.
  const preset: RangePreset = raw && Object.hasOwn(RANGE_PRESETS, raw) ? (raw as RangePreset) : "90d";
  const days = RANGE_PRESETS[preset];
  return { from: addDays(end, -(days - 1)), to: end, days, preset };
}

/** The same number of days immediately before the range: what trends compare against. */
export function previousPeriod(r: DateRange): DateRange {
  const to = addDays(r.from, -1);
  return { from: addDays(to, -(r.days - 1)), to, days: r.days, preset: r.preset };
}

/** URL query for a range (presets stay short and shareable). */
export function rangeQuery(r: DateRange): string {
  return r.preset === "custom" ? `from=${r.from}&to=${r.to}` : `range=${r.preset}`;
}

export function eachDay(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** Monday of the ISO week the day falls in. */
export function weekStart(day: string): string {
  const dow = (parseDay(day).getUTCDay() + 6) % 7; // Monday = 0
  return addDays(day, -dow);
}

export function monthStart(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

export type Granularity = "day" | "week" | "month";

export function bucketStart(day: string, g: Granularity): string {
  return g === "day" ? day : g === "week" ? weekStart(day) : monthStart(day);
}

/** Buckets covering [from, to] in order (the first may start before `from`). */
export function buckets(from: string, to: string, g: Granularity): string[] {
  const out: string[] = [];
  let last = "";
  for (const d of eachDay(from, to)) {
    const b = bucketStart(d, g);
    if (b !== last) out.push(b);
    last = b;
  }
  return out;
}

/** Daily points up to three months, weekly beyond: enough resolution without a thousand bars. */
export function chartGranularity(r: DateRange): Granularity {
  return r.days <= 92 ? "day" : "week";
}

/** Full calendar months (fractional for partial ones) the range spans, for per-month rates. */
export function monthsIn(r: DateRange): number {
  return r.days / (365.25 / 12);
}

export type RangeCover = { months: string[]; weeks: string[]; days: string[] };

/**
 * Splits [from, to] into whole calendar months, whole ISO weeks and single days that exactly tile it, with
 * as few pieces as a greedy walk finds. Distinct counts over a range read one set per piece (month, week
 * or day rows), so a year costs ~12 month sets instead of 365 day sets.
 */
export function coverRange(from: string, to: string, opts: { weeks?: boolean } = {}): RangeCover {
  const useWeeks = opts.weeks ?? true;
  const cover: RangeCover = { months: [], weeks: [], days: [] };
  let d = from;
  while (d <= to) {
    const nextMonth = addMonths(d, 1);
    if (d.endsWith("-01") && addDays(nextMonth, -1) <= to) {
      cover.months.push(d);
      d = nextMonth;
      continue;
    }
    const weekEnd = addDays(d, 6);
    if (useWeeks && weekStart(d) === d && weekEnd <= to) {
      // Do not let a week swallow the 1st of a month that would fit whole: days up to it are cheaper.
      const first = `${addMonths(monthStart(d), 1)}`;
      const monthFits = first <= weekEnd && addDays(addMonths(first, 1), -1) <= to;
      if (!monthFits) {
        cover.weeks.push(d);
        d = addDays(d, 7);
        continue;
      }
    }
    cover.days.push(d);
    d = addDays(d, 1);
  }
  return cover;
}

function addMonths(day: string, n: number): string {
  const dt = parseDay(monthStart(day));
  return toDay(new Date(Date.UTC(dt.getUTCFullYear(), dt.getUTCMonth() + n, 1)));
}
