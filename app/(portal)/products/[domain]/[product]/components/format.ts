// Display formats shared by the product pages (server-rendered, so one locale for everyone).
const date = new Intl.DateTimeFormat("en", { dateStyle: "medium" });
const dateTime = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

export function formatDate(iso: string): string {
  return date.format(new Date(iso));
}

/** For events where the time of day matters (lifecycle moves, versions saved the same day). */
export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

const UNITS: [label: string, minutes: number][] = [
  ["week", 10_080],
  ["day", 1_440],
  ["hour", 60],
  ["minute", 1],
];

/** 60 → "1 hour", 90 → "1 hour 30 minutes", 2880 → "2 days": at most two units, the largest first. */
export function formatMinutes(total: number): string {
  const parts: string[] = [];
  let rest = Math.round(total);
  for (const [label, size] of UNITS) {
    const n = Math.floor(rest / size);
    if (n === 0) continue;
    parts.push(`${n} ${label}${n === 1 ? "" : "s"}`);
    rest -= n * size;
    if (parts.length === 2) break;
  }
  return parts.length > 0 ? parts.join(" ") : "0 minutes";
}
