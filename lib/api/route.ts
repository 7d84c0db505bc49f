// The wrapper every /api/v1 route handler uses: authenticate (token or session), run, and turn anything
// thrown into problem+json. Also the small readers of request bodies the handlers share.
import "server-only";
import { PayloadTooLargeError, ValidationError } from "@/lib/errors";
import { authenticateApi, type ApiCaller } from "./caller";
import { toProblem } from "./problem";

type Ctx<P> = { params: Promise<P> };

export function apiRoute<P = Record<string, never>>(
  handler: (request: Request, caller: ApiCaller, params: P) => Promise<Response>,
): (request: Request, ctx: Ctx<P>) => Promise<Response> {
  return async (request, ctx) => {
    try {
      const caller = await authenticateApi(request);
      return await handler(request, caller, await ctx.params);
    } catch (e) {
      return toProblem(e, new URL(request.url).pathname);
    }
  };
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
