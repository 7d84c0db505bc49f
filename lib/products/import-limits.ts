// The import size limit and its wording, shared by the server check and the form, so the browser
// refuses an oversized document before sending it with the very message the server would give.

export const MAX_IMPORT_BYTES = 1_000_000;
export const IMPORT_TOO_LARGE = "The document is larger than 1 MB.";
export const IMPORT_TOO_LARGE_FIELD = "Documents may be at most 1 MB.";

/** UTF-8 size of a document, the same measure the server applies. */
export const documentBytes = (text: string) => new TextEncoder().encode(text).length;
