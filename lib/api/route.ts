// The wrapper every /api/v1 route handler uses: authenticate (token or session), run, and turn anything
// thrown into problem+json. Also the small readers of request bodies the handlers share.
import "server-only";
import { requestIdFrom } from "@/lib/request-id";
import { withRequestId } from "@/lib/request-scope";
import { PayloadTooLargeError, ValidationError } from "@/lib/errors";
import { authenticateApi, type ApiCaller } from "./caller";
import { toProblem } from "./problem";

type Ctx<P> = { params: Promise<P> };

/**
 * `prefetch` starts a read that every authenticated caller may see (a product's catalog entry) while the
 * caller is authenticated, so the two round trips overlap; the handler gets its promise and awaits it only
 * after its own checks. It starts only for requests that carry a bearer token (a request without one is
 * refused or served from the session without touching it), and its result is dropped when authentication fails.
 */
export function apiRoute<P = Record<string, never>, T = undefined>(
  handler: (request: Request, caller: ApiCaller, params: P, prefetched: Promise<T>) => Promise<Response>,
  opts: { prefetch?: (params: P) => Promise<T> } = {},
): (request: Request, ctx: Ctx<P>) => Promise<Response> {
  return async (request, ctx) => {
    // proxy.ts skips these routes: the correlation id is taken (or minted) here, for the audit rows and the answer.
    const requestId = requestIdFrom(request.headers);
    const response = await withRequestId(requestId, () => run(request, ctx));
    try {
      response.headers.set("x-request-id", requestId);
    } catch {
      // a Response whose headers are immutable (none of ours today) goes out without it
    }
    return response;
  };

  async function run(request: Request, ctx: Ctx<P>): Promise<Response> {
    try {
      const params = await ctx.params;
      let prefetched: Promise<T> | null = null;
      if (opts.prefetch && request.headers.get("authorization")?.startsWith("Bearer ")) {
        prefetched = opts.prefetch(params);
        prefetched.catch(() => {}); // awaited (and its error thrown) by the handler, or dropped on a refusal
      }
      const caller = await authenticateApi(request);
      return await handler(
        request,
        caller,
        params,
        prefetched ?? (opts.prefetch ? opts.prefetch(params) : (Promise.resolve(undefined) as Promise<T>)),
      );
    } catch (e) {
      return toProblem(e, new URL(request.url).pathname);
    }
  }
}

/** The body as text, refused over `max` bytes (413) before it is all read. */
export async function readText(request: Request, max: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > max) throw new PayloadTooLargeError(`The body is over ${Math.round(max / 1024)} KB.`, { body: ["Too large."] });
  const text = await request.text();
  if (Buffer.byteLength(text) > max)
    throw new PayloadTooLargeError(`The body is over ${Math.round(max / 1024)} KB.`, { body: ["Too large."] });
  return text;
}

/** A JSON object body (64 KB at most). */
export async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  const text = await readText(request, 64 * 1024);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ValidationError("The body is not valid JSON.", { body: ["Send a JSON object."] });
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new ValidationError("The body must be a JSON object.", { body: ["Send a JSON object."] });
  return value as Record<string, unknown>;
}

export const JSON_HEADERS = { "Cache-Control": "private, no-store" } as const;
