// RFC 9457 problem details for the REST API: every refusal is `application/problem+json` with the same
// message the portal's UI shows (`detail`), the field errors keyed by parameter or body field (`errors`)
// and, for unexpected failures, a correlation id instead of a stack trace.
import { randomUUID } from "node:crypto";
import { AppError, isUnstorableText, UNSTORABLE_TEXT_MESSAGE } from "@/lib/errors";
import { logger } from "@/lib/logger";

export const PROBLEM_TYPE = "application/problem+json";

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  413: "Content Too Large",
  405: "Method Not Allowed",
  415: "Unsupported Media Type",
  429: "Too Many Requests",
  500: "Internal Server Error",
};

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: Record<string, string[]>;
  correlationId?: string;
};

/** 429: the token's requests per minute are used up; `retryAfter` seconds until the window ends. */
export class RateLimitedError extends AppError {
  override readonly status = 429;
  constructor(
    readonly retryAfter: number,
    limit: number,
  ) {
    super(`Rate limit of ${limit} requests per minute reached for this token. Retry in ${retryAfter} s.`);
  }
}

export function problem(status: number, detail: string, extra: Partial<Problem> = {}, headers: HeadersInit = {}): Response {
  const body: Problem = { type: "about:blank", title: TITLES[status] ?? "Error", status, detail, ...extra };
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": PROBLEM_TYPE, "Cache-Control": "no-store", ...headers },
  });
}

/** Any thrown value → a problem response: expected errors verbatim, the rest generic and logged. */
export function toProblem(e: unknown, instance?: string): Response {
  if (e instanceof RateLimitedError) return problem(429, e.message, { instance }, { "Retry-After": String(e.retryAfter) });
  if (e instanceof AppError) {
    const headers: HeadersInit = e.status === 401 ? { "WWW-Authenticate": 'Bearer realm="meshport"' } : {};
    return problem(e.status, e.message, { instance, ...(e.fieldErrors ? { errors: e.fieldErrors } : {}) }, headers);
  }
  if (isUnstorableText(e)) return problem(400, UNSTORABLE_TEXT_MESSAGE, { instance });
  const correlationId = randomUUID();
  logger.error({ err: e, correlationId }, "unexpected error in API v1");
  return problem(500, `Something went wrong. Reference: ${correlationId}`, { instance, correlationId });
}
