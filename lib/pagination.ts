// The one reader of `?page=` for every paginated page and route. A page number reaches SQL as an
// OFFSET, so whatever the URL says (1e20, -3, 2.5, NaN, an array) becomes a whole number from 1 to
// MAX_PAGE here, and no page parses it on its own.

/** Deepest page any list offers (10 000 × a page size of at most 100 stays far inside an int OFFSET). */
export const MAX_PAGE = 10_000;

/**
 * `?page=` as a whole number in 1..MAX_PAGE: digits only (a repeated parameter counts its first value);
 * anything else is page 1, and a number past the end is the last allowed page.
 */
export function parsePage(raw: unknown, max = MAX_PAGE): number {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value === "number") return Number.isInteger(value) && value >= 1 ? Math.min(value, max) : 1;
  if (typeof value !== "string") return 1;
  const digits = value.trim();
  if (!/^\d+$/.test(digits)) return 1;
  // Compare as text first: Number("9".repeat(400)) is Infinity, and a huge number is simply past the end.
  const n = digits.replace(/^0+/, "").length > 9 ? Infinity : Number(digits);
  if (n < 1) return 1;
  return Math.min(n, max);
}

/** OFFSET for a page of `pageSize` rows. */
export function pageOffset(page: number, pageSize: number): number {
  return (parsePage(page) - 1) * pageSize;
}
