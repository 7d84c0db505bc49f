// The correlation id of a request that proxy.ts does not see (the REST API v1 and the health check skip it: about
// 1 ms per request, docs/benchmarks.md). apiRoute runs each such request inside withRequestId, so every audit row
// it writes (currentRequestId, lib/audit/writer.ts) and its x-request-id answer carry the same id.
import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

const scope = new AsyncLocalStorage<string>();

export function withRequestId<T>(id: string, fn: () => T): T {
  return scope.run(id, fn);
}

/** The id withRequestId set for the work running now, if any. */
export function scopedRequestId(): string | undefined {
  return scope.getStore();
}
