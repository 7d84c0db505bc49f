// Ingestion endpoint: POST a CSV file (text/csv, streamed, at most INGEST_MAX_BYTES) or a JSON batch
// (application/json, an array of objects, at most 10 MB) to load rows into the product's table in the
// chosen environment (?env=staging|production, default production): the table of the contract's first
// dataset, or of ?dataset=<name> (an unknown one answers 400 naming it). All-or-nothing; rejected loads
// answer 422 with the bad rows by line (CSV) or position (JSON); a body over the limit answers 413, a
// body cut short 400, and neither loads anything. proxy.ts does not run here (see its matcher): Next
// would buffer the body for it and hand this route only the first 10 MB.
import { Readable } from "node:stream";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import { requireUser } from "@/lib/auth/current-user";
import { PayloadTooLargeError, ValidationError, toErrorResponse } from "@/lib/errors";
import { env } from "@/lib/env";
import { currentRequestId } from "@/lib/audit/writer";
import { MAX_JSON_BYTES, cutOff, ingestCsv, ingestJson, tooLarge, type LoadResult } from "@/lib/ingestion/ingest";

export const dynamic = "force-dynamic";
export const maxDuration = 3600;

function environment(request: Request): "staging" | "production" {
  const value = new URL(request.url).searchParams.get("env") ?? "production";
  if (value !== "staging" && value !== "production")
    throw new ValidationError("env must be staging or production.", { env: ["Use staging or production."] });
  return value;
}

const jsonTooLarge = () =>
  new PayloadTooLargeError(`JSON batches are limited to ${MAX_JSON_BYTES / 1024 / 1024} MB; upload large loads as CSV.`, {
    body: ["Too large."],
  });

async function readCapped(body: ReadableStream<Uint8Array>, limit: number, declared: number | undefined): Promise<string> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      throw cutOff(size, declared);
    }
    const { done, value } = chunk;
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw jsonTooLarge();
    }
    chunks.push(value);
  }
  if (declared !== undefined && size !== declared) throw cutOff(size, declared);
  return Buffer.concat(chunks).toString("utf8");
}

/** The announced Content-Length, when there is a valid one (chunked uploads have none). */
function declaredLength(request: Request): number | undefined {
  const raw = request.headers.get("content-length");
  return raw !== null && /^\d{1,16}$/.test(raw.trim()) ? Number(raw) : undefined;
}

const respond = (r: LoadResult) => Response.json(r, { status: r.status === "succeeded" ? 200 : 422 });

export async function POST(request: Request, context: { params: Promise<{ domain: string; product: string }> }) {
  const response = await handle(request, context);
  // proxy.ts, which sets the correlation id elsewhere, is skipped for this route.
  response.headers.set("x-request-id", await currentRequestId());
  return response;
}

async function handle(request: Request, { params }: { params: Promise<{ domain: string; product: string }> }): Promise<Response> {
  try {
    const user = await requireUser();
    const { domain, product: name } = await params;
    const ref = { domain, name, environment: environment(request), dataset: new URL(request.url).searchParams.get("dataset") };
    const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
    if (!request.body) throw new ValidationError("The request has no body.");
    const declaredBytes = declaredLength(request);
    if (type === "text/csv" || type === "application/csv") {
      // Refused on the announced size before a byte is read; a chunked body is counted as it streams.
      const maxBytes = env().INGEST_MAX_BYTES;
      if (declaredBytes !== undefined && declaredBytes > maxBytes) throw tooLarge(maxBytes);
      return respond(
        await ingestCsv(user, ref, Readable.fromWeb(request.body as unknown as NodeWebStream<Uint8Array>), { declaredBytes, maxBytes }),
      );
    }
    if (type === "application/json") {
      if (declaredBytes !== undefined && declaredBytes > MAX_JSON_BYTES) throw jsonTooLarge();
      const text = await readCapped(request.body, MAX_JSON_BYTES, declaredBytes);
      let rows: unknown;
      try {
        rows = JSON.parse(text);
      } catch (e) {
        throw new ValidationError(`The body is not valid JSON: ${(e as Error).message}`, { body: ["Invalid JSON."] });
      }
      return respond(await ingestJson(user, ref, rows, Buffer.byteLength(text)));
    }
    return Response.json({ error: "Send text/csv or application/json." }, { status: 415 });
  } catch (e) {
    return toErrorResponse(e);
  }
}
