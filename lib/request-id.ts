// The correlation id of a request: the client's x-request-id when it is a plain token, else none (the
// caller mints one). proxy.ts applies it to every request it sees, and currentRequestId to the routes the
// proxy skips (the ingest upload), so no client text of another shape reaches the logs or the audit rows.

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export function acceptedRequestId(given: string | null | undefined): string | null {
  return given && REQUEST_ID.test(given) ? given : null;
}
