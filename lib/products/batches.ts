// How a client splits many documents into batch requests (POST /api/v1/products/batch, body
// `{"documents":[…]}`): consecutive runs of at most MAX_BATCH_DOCUMENTS documents whose request body, measured as
// the JSON actually sent (escapes included), stays within MAX_BATCH_BYTES. Used by the import page and
// `meshport apply`; pure, so it runs in the browser and the CLI.
import { MAX_BATCH_BYTES, MAX_BATCH_DOCUMENTS } from "./import-limits";

const ENVELOPE = '{"documents":[]}'.length;
const encoder = new TextEncoder();

/** The bytes a document adds to the request body: the string as JSON, and its comma. */
export function requestBytes(text: string): number {
  return encoder.encode(JSON.stringify(text)).length + 1;
}

/** [start, end) index pairs over the documents; a document too large for any batch goes alone (the route refuses it by name). */
export function batchesOf(texts: readonly string[], maxDocuments = MAX_BATCH_DOCUMENTS, maxBytes = MAX_BATCH_BYTES): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  let bytes = ENVELOPE;
  texts.forEach((text, i) => {
    const size = requestBytes(text);
    if (i > start && (i - start >= maxDocuments || bytes + size > maxBytes)) {
      out.push([start, i]);
      start = i;
      bytes = ENVELOPE;
    }
    bytes += size;
  });
  if (texts.length > start) out.push([start, texts.length]);
  return out;
}
