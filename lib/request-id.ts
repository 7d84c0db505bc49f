// The correlation id of a request: the client's x-request-id when it is a plain token, else a new UUID. proxy.ts
// takes it for every request it sees, apiRoute for REST API v1 and currentRequestId for the other routes the
// proxy skips (the ingest upload), so no client text of another shape reaches the logs or the audit rows.

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export function acceptedRequestId(given: string | null | undefined): string | null {
  return given && REQUEST_ID.test(given) ? given : null;
}

/** The id a request goes by: the client's plain `x-request-id`, else a new UUID (Web Crypto: proxy and Node alike). */
export function requestIdFrom(headers: { get(name: string): string | null }): string {
  return acceptedRequestId(headers.get("x-request-id")) ?? crypto.randomUUID();
}
