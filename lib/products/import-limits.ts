// The import size limits and their wording, shared by the server checks, the form and the CLI, so a client
// refuses or splits what the server would refuse, with the very message the server would give.

export const MAX_IMPORT_BYTES = 1_000_000;
export const IMPORT_TOO_LARGE = "The document is larger than 1 MB.";
export const IMPORT_TOO_LARGE_FIELD = "Documents may be at most 1 MB.";

/** UTF-8 size of a document, the same measure the server applies. */
export const documentBytes = (text: string) => new TextEncoder().encode(text).length;

/** A batch request's whole body (POST /api/v1/products/batch; `meshport apply` chunks by it). */
export const MAX_BATCH_BYTES = 16 * 1024 * 1024;
/** Documents per batch request: MAX_BATCH of import-contracts.ts, here for the clients that cannot import that server module. */
export const MAX_BATCH_DOCUMENTS = 1_000;
