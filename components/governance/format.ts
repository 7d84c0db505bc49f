// Labels for governance screens; times are formatted by lib/format.ts (formatUtc).

export const TRIGGER_LABELS: Record<string, string> = {
  manual: "Run on demand",
  publish: "At publish",
  "policy-change": "Policy changed",
  "product-change": "Product changed",
  seed: "Demo seed",
};
