// Display formatting shared by every area's pages: times in UTC and byte sizes. Pure, safe on the client.
// Durations are in lib/duration.ts.

// Times are shown in UTC, the zone the audit filters use, so what a reviewer reads matches what they type.
const utc = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** "12 Mar 2025, 14:05 UTC"; an unknown time (null, undefined, "") is an empty string. */
export function formatUtc(iso: string | null | undefined): string {
  if (!iso) return "";
  return `${utc.format(new Date(iso))} UTC`;
}

/** "512 B", "1.5 kB", "12.0 MB", "1.25 GB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} kB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

/** "1 rating", "2 ratings", "0 runs"; `many` for irregular plurals ("1 policy", "3 policies"). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
}
