// The body of POST /api/v1/products/batch — `{ "documents": ["<YAML or JSON text>", …] }` — checked before any
// document is parsed: each refusal names the field (`documents`, `documents[7]`), as the API's problems do.
import { PayloadTooLargeError, ValidationError } from "@/lib/errors";
import { IMPORT_TOO_LARGE_FIELD, MAX_BATCH_DOCUMENTS, MAX_IMPORT_BYTES, documentBytes } from "@/lib/products";

const SHAPE = 'Send { "documents": ["<YAML or JSON text>", …] }.';
/** Enough bad entries to fix a generator's mistake; a thousand identical messages help nobody. */
const MAX_LISTED = 20;

export function parseBatchBody(text: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ValidationError("The body is not valid JSON.", { body: [SHAPE] });
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new ValidationError("The body must be a JSON object.", { body: [SHAPE] });
  const documents = (value as { documents?: unknown }).documents;
  if (!Array.isArray(documents)) throw new ValidationError("documents must be an array of strings.", { documents: [SHAPE] });
  if (documents.length === 0) throw new ValidationError("The batch is empty.", { documents: ["Send at least one document."] });
  if (documents.length > MAX_BATCH_DOCUMENTS)
    throw new ValidationError(`At most ${MAX_BATCH_DOCUMENTS} documents per request.`, {
      documents: [`Split the ${documents.length} documents into batches of at most ${MAX_BATCH_DOCUMENTS}.`],
    });

  const notText: Record<string, string[]> = {};
  const tooLarge: Record<string, string[]> = {};
  documents.forEach((d, i) => {
    if (typeof d !== "string") notText[`documents[${i}]`] = ["Must be a string: the YAML or JSON text of one document."];
    else if (d.trim() === "") notText[`documents[${i}]`] = ["The document is empty."];
    else if (d.length > MAX_IMPORT_BYTES / 4 && documentBytes(d) > MAX_IMPORT_BYTES) tooLarge[`documents[${i}]`] = [IMPORT_TOO_LARGE_FIELD];
  });
  const first = (errors: Record<string, string[]>) => Object.fromEntries(Object.entries(errors).slice(0, MAX_LISTED));
  if (Object.keys(notText).length > 0)
    throw new ValidationError(`${Object.keys(notText).length} document(s) are not text; nothing was imported.`, first(notText));
  if (Object.keys(tooLarge).length > 0)
    throw new PayloadTooLargeError(
      `${Object.keys(tooLarge).length} document(s) are larger than 1 MB; nothing was imported.`,
      first(tooLarge),
    );
  return documents as string[];
}
