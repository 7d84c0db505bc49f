// When a failed webhook delivery is tried again: exponential backoff, 30 s × 4^(n−1) after the n-th failed
// attempt (30 s, 2 min, 8 min, 32 min, 2 h 8 min, 8 h 32 min), then it gives up: about 11 hours in all.

export const WEBHOOK_MAX_ATTEMPTS = 7;
export const WEBHOOK_RETRY_BASE_SECONDS = 30;
export const WEBHOOK_RETRY_FACTOR = 4;

/** Seconds to wait after the `attempt`-th failed attempt (1-based); null when no attempt is left. */
export function retryDelaySeconds(attempt: number): number | null {
  if (!Number.isInteger(attempt) || attempt < 1 || attempt >= WEBHOOK_MAX_ATTEMPTS) return null;
  return WEBHOOK_RETRY_BASE_SECONDS * WEBHOOK_RETRY_FACTOR ** (attempt - 1);
}

/** The whole schedule, for the page that explains it. */
export function retrySchedule(): number[] {
  const out: number[] = [];
  for (let a = 1; a < WEBHOOK_MAX_ATTEMPTS; a++) out.push(retryDelaySeconds(a)!);
  return out;
}
