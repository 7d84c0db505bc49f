// Ingestion endpoint: POST a CSV file (text/csv, streamed) or a JSON batch (application/json, an array
// of objects, at most 10 MB) to load rows into the product's table in the chosen environment
// (?env=staging|production, default production). All-or-nothing; rejected loads answer 422 with the
// bad rows by line (CSV) or position (JSON).
import { Readable } from "node:stream";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import { requireUser } from "@/lib/auth/current-user";
import { ValidationError, toErrorResponse } from "@/lib/errors";
import { MAX_JSON_BYTES, ingestCsv, ingestJson, type LoadResult } from "@/lib/ingestion/ingest";

export const dynamic = "force-dynamic";
export const maxDuration = 3600;

function environment(request: Request): "staging" | "production" {
  const value = new URL(request.url).searchParams.get("env") ?? "production";
  if (value !== "staging" && value !== "production") throw new ValidationError("env must be staging or production.", { env: ["Use staging or production."] });
  return value;
}

async function readCapped(body: ReadableStream<Uint8Array>, limit: number): Promise<string> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new ValidationError(`JSON batches are limited to ${limit / 1024 / 1024} MB; upload large loads as CSV.`, { body: ["Too large."] });
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

const respond = (r: LoadResult) => Response.json(r, { status: r.status === "succeeded" ? 200 : 422 });

export async function POST(request: Request, { params }: { params: Promise<{ domain: string; product: string }> }) {
  try {
    const user = await requireUser();
    const { domain, product: name } = await params;
    const ref = { domain, name, environment: environment(request) };
    const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
    if (!request.body) throw new ValidationError("The request has no body.");
    if (type === "text/csv" || type === "application/csv") {
      return respond(await ingestCsv(user, ref, Readable.fromWeb(request.body as unknown as NodeWebStream<Uint8Array>)));
    }
    if (type === "application/json") {
      const text = await readCapped(request.body, MAX_JSON_BYTES);
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
