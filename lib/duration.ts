// Durations, every spelling the portal reads or shows: policy durations ("7_years"), SLO durations
// ("< 2 s", "< 1 hour") and elapsed times on screen ("1.2 s"). Pure, safe on the client.
//
// Policy durations such as "7_years", "90_days", "1_hour", "4_hours".
//
// Retention and freshness are written this way in the seed's policies. Policies keep the original
// string (so YAML round-trips unchanged); this module turns it into a comparable number of seconds.
//
// Months and years use the average Gregorian lengths (a year is 365.2425 days, a month a twelfth of
// that) so that comparisons are exact where people expect them to be: 12_months == 1_year,
// 52_weeks < 1_year < 53_weeks, 365_days < 1_year < 366_days, 30_days < 1_month < 31_days.

export const DURATION_UNITS = ["minute", "hour", "day", "week", "month", "year"] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

/** Units allowed in retention periods: shorter units make no sense for how long data is kept. */
export const RETENTION_UNITS: readonly DurationUnit[] = ["day", "week", "month", "year"];
/** Units allowed in freshness requirements: months or years would not be a freshness promise. */
export const FRESHNESS_UNITS: readonly DurationUnit[] = ["minute", "hour", "day", "week"];

export type Duration = { amount: number; unit: DurationUnit };

const SECONDS: Record<DurationUnit, number> = {
  minute: 60,
  hour: 3_600,
  day: 86_400,
  week: 604_800,
  month: 2_629_746, // 31_556_952 / 12, an integer, so month arithmetic stays exact
  year: 31_556_952, // 365.2425 days
};

// Singular and plural are both accepted ("1_years", "2_year") because the intent is unambiguous.
const PATTERN = /^([1-9][0-9]{0,5})_(minute|hour|day|week|month|year)s?$/;

/** Parses "<n>_<unit>" (n a positive integer). Returns null when the text is not such a duration. */
export function parseDuration(text: string, units: readonly DurationUnit[] = DURATION_UNITS): Duration | null {
  const match = PATTERN.exec(text.trim());
  if (!match) return null;
  const unit = match[2] as DurationUnit;
  if (!units.includes(unit)) return null;
  return { amount: Number(match[1]), unit };
}

/** A plain-words explanation of why `value` is not a duration, or null when it is one. */
export function durationError(value: unknown, units: readonly DurationUnit[] = DURATION_UNITS): string | null {
  const plural = units.map((u) => `${u}s`).join(", ");
  const example = units.includes("year") ? "7_years, 6_months or 90_days" : "1_hour, 30_minutes or 1_day";
  if (typeof value !== "string") {
    return `must be a duration written like ${example}, got ${describe(value)}`;
  }
  if (parseDuration(value, units)) return null;
  const loose = PATTERN.exec(value.trim());
  if (loose) return `unit "${loose[2]}" is not allowed here; use one of ${plural} (got "${value}")`;
  return `must be a duration written <number>_<unit> like ${example} (units: ${plural}); got "${value}"`;
}

export function isDuration(value: unknown, units: readonly DurationUnit[] = DURATION_UNITS): value is string {
  return typeof value === "string" && parseDuration(value, units) !== null;
}

/** Length in seconds. Throws on an unparseable string: callers hold values that passed the schema. */
export function durationSeconds(value: Duration | string): number {
  const d = typeof value === "string" ? parseDuration(value) : value;
  if (!d) throw new Error(`Not a duration: "${String(value)}"`);
  return d.amount * SECONDS[d.unit];
}

export function durationMinutes(value: Duration | string): number {
  return durationSeconds(value) / 60;
}

/** -1 when a is shorter than b, 1 when longer, 0 when equal (12_months vs 1_year is 0). */
export function compareDurations(a: Duration | string, b: Duration | string): -1 | 0 | 1 {
  const diff = durationSeconds(a) - durationSeconds(b);
  return diff < 0 ? -1 : diff > 0 ? 1 : 0;
}

/** Canonical policy spelling: "1_year", "7_years". */
export function formatDuration(d: Duration): string {
  return `${d.amount}_${d.unit}${d.amount === 1 ? "" : "s"}`;
}

/** Human spelling for messages: "1 year", "4 hours". */
export function describeDuration(value: Duration | string): string {
  const d = typeof value === "string" ? parseDuration(value) : value;
  if (!d) return String(value);
  return `${d.amount} ${d.unit}${d.amount === 1 ? "" : "s"}`;
}

/**
 * The largest whole unit (minute..week) that expresses `minutes` exactly, e.g. 60 → 1_hour,
 * 90 → 90_minutes. Used to show a product's SLO freshness in the policy's vocabulary.
 */
export function durationFromMinutes(minutes: number): Duration | null {
  if (!Number.isInteger(minutes) || minutes <= 0) return null;
  const seconds = minutes * 60;
  for (const unit of ["week", "day", "hour", "minute"] as const) {
    if (seconds % SECONDS[unit] === 0) return { amount: seconds / SECONDS[unit], unit };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------
// SLO durations, as product specs write them: "< 100ms", "< 2 s", "< 1 hour", "30 minutes" (the YAML
// format, lib/products/yaml.ts), and ODCS SLA units (lib/products/odcs.ts). Amounts are in a base unit:
// milliseconds for latency, minutes for freshness.

export type DurationBase = "ms" | "min";

const MS_PER_UNIT = { ms: 1, s: 1_000, min: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 };
type Unit = keyof typeof MS_PER_UNIT;

const UNIT_ALIASES: Record<string, Unit> = {
  ms: "ms",
  msec: "ms",
  millisecond: "ms",
  milliseconds: "ms",
  s: "s",
  sec: "s",
  secs: "s",
  second: "s",
  seconds: "s",
  m: "min",
  min: "min",
  mins: "min",
  minute: "min",
  minutes: "min",
  h: "h",
  hr: "h",
  hrs: "h",
  hour: "h",
  hours: "h",
  d: "d",
  day: "d",
  days: "d",
  w: "w",
  week: "w",
  weeks: "w",
  y: "y",
  yr: "y",
  yrs: "y",
  year: "y",
  years: "y", // 365 days; ODCS SLA units allow years
};

/**
 * `amount` of `unit` expressed in the base unit, or null for an unknown unit. Multiplying by the
 * whole-number ratio (never going through milliseconds) keeps large minute counts exact.
 */
export function convertDuration(amount: number, unit: string, base: DurationBase): number | null {
  const canonical = UNIT_ALIASES[unit.trim().toLowerCase()];
  if (canonical === undefined) return null;
  const unitMs = MS_PER_UNIT[canonical];
  const baseMs = MS_PER_UNIT[base];
  return unitMs >= baseMs ? amount * (unitMs / baseMs) : amount / (baseMs / unitMs);
}

const DURATION_TEXT = /^\s*(?:<=?|≤)?\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]+)?\s*$/;

/**
 * Reads a duration into the base unit; a bare number is already in the base unit. May be fractional
 * ("< 30 s" is half a minute): the schema then says it must be whole. Null when it is not a duration.
 */
export function parseSloDuration(input: unknown, base: DurationBase): number | null {
  if (typeof input === "number") return Number.isFinite(input) ? input : null;
  if (typeof input !== "string") return null;
  const match = DURATION_TEXT.exec(input);
  if (!match) return null;
  return match[2] === undefined ? Number(match[1]) : convertDuration(Number(match[1]), match[2], base);
}

const OUTPUT_UNITS: { unit: Unit; words: [string, string] | null }[] = [
  { unit: "d", words: ["day", "days"] },
  { unit: "h", words: ["hour", "hours"] },
  { unit: "min", words: ["minute", "minutes"] },
  { unit: "s", words: null },
  { unit: "ms", words: null },
];

/** The largest unit holding `amount` (in base units) a whole number of times: 120 min → 2 h. */
export function largestWholeUnit(amount: number, base: DurationBase): { value: number; unit: Unit } {
  for (const { unit } of OUTPUT_UNITS) {
    if (MS_PER_UNIT[unit] < MS_PER_UNIT[base]) break;
    const ratio = MS_PER_UNIT[unit] / MS_PER_UNIT[base];
    if (amount % ratio === 0) return { value: amount / ratio, unit };
  }
  return { value: amount, unit: base };
}

/** The seed's spelling: "< 100ms", "< 2s", "< 1 hour", "< 4 hours". */
export function formatSloDuration(amount: number, base: DurationBase): string {
  const { value, unit } = largestWholeUnit(amount, base);
  const words = OUTPUT_UNITS.find((candidate) => candidate.unit === unit)?.words;
  if (!words) return `< ${value}${unit}`;
  return `< ${value} ${value === 1 ? words[0] : words[1]}`;
}

// ---------------------------------------------------------------------------------------------------
// Elapsed time on screen (provisioning steps, loads): "850 ms", "1.2 s", "3 min 5 s"; empty when unknown.

export function formatElapsed(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "";
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return "nothing";
  if (typeof value === "string") return `"${value}"`;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return Array.isArray(value) ? "a list" : "an object";
}
