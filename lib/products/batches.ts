// How a client splits many documents into batch requests (POST /api/v1/products/batch): consecutive slices of at
// most 1,000 documents (the route's limit, MAX_BATCH) and 8 MB of text, half the route's body limit, so JSON
// escaping never pushes a batch over it. Used by the import page and `meshport apply`.
export const BATCH_DOCUMENTS = 1_000;
export const BATCH_REQUEST_BYTES = 8_000_000;

/** [start, end) index pairs over documents of the given sizes (bytes); a document larger than the byte budget goes alone. */
export function batchesOf(sizes: readonly number[], maxDocuments = BATCH_DOCUMENTS, maxBytes = BATCH_REQUEST_BYTES): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  let bytes = 0;
  sizes.forEach((size, i) => {
    if (i > start && (i - start >= maxDocuments || bytes + size > maxBytes)) {
      out.push([start, i]);
      start = i;
      bytes = 0;
    }
    bytes += size;
  });
  if (sizes.length > start) out.push([start, sizes.length]);
  return out;
}
