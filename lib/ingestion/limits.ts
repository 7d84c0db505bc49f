// Upload size wording shared by the ingest route and the upload form, so the browser refuses an
// oversized file before sending it with the very message the server would give.

export const formatLimit = (n: number) =>
  n >= 1024 ** 3 && n % 1024 ** 3 === 0 ? `${n / 1024 ** 3} GiB` : n >= 1024 ** 2 ? `${Math.round(n / 1024 ** 2)} MiB` : `${n} bytes`;

export const uploadTooLargeMessage = (maxBytes: number) =>
  `Uploads are limited to ${formatLimit(maxBytes)} (INGEST_MAX_BYTES); this one is larger. Nothing was loaded.`;
