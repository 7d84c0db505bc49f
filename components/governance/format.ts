// Times on governance screens are shown in UTC, the zone the audit filters use, so what a reviewer reads
// matches what they type.
const utc = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** "12 Mar 2025, 14:05 UTC"; an unknown time (null, undefined, "") is an empty string. */
export function formatUtc(iso: string | null | undefined): string {
  if (!iso) return "";
  return `${utc.format(new Date(iso))} UTC`;
}

export const TRIGGER_LABELS: Record<string, string> = {
  manual: "Run on demand",
  publish: "At publish",
  "policy-change": "Policy changed",
  "product-change": "Product changed",
  seed: "Demo seed",
};
