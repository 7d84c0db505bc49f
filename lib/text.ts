// Caller text on its way to PostgreSQL or a log: control characters out (PostgreSQL text cannot hold
// U+0000, and line breaks, escapes or bidi overrides in a log line can forge or hide what it says) and
// a hard length, so a request can never store more than the column is meant to hold.

// C0, DEL, C1, and the bidi embedding/override/isolate controls (U+202A–202E, U+2066–2069).
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Control characters become spaces, so "a\u0000b" stays two words rather than one. */
export function withoutControls(value: string): string {
  return value.replace(CONTROLS, " ");
}

/** At most `max` characters (code points, never half a surrogate pair), "…" marking a cut. */
export function clip(value: string, max: number): string {
  if (value.length <= max) return value;
  const points = Array.from(value);
  return points.length <= max ? value : `${points.slice(0, Math.max(0, max - 1)).join("")}…`;
}

/** Both: the form any caller-supplied text takes before it is stored in a log or matched in SQL. */
export function cleanText(value: string, max: number): string {
  return clip(withoutControls(value), max);
}
