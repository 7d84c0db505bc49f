// Times on governance screens are shown in UTC, the zone the audit filters use, so what a reviewer reads
// matches what they type.
const utc = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function formatUtc(iso: string): string {
  return `${utc.format(new Date(iso))} UTC`;
}

export const TRIGGER_LABELS: Record<string, string> = {
  manual: "Run on demand",
  publish: "At publish",
  "policy-change": "Policy changed",
  "product-change": "Product changed",
  seed: "Demo seed",
};
