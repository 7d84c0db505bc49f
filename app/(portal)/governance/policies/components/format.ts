// Shared helpers for the policy screens (server and client); times use formatUtc from lib/format.ts.

/** A short, stable fingerprint of a draft (djb2), so the server can echo which draft it previewed. */
export function fingerprintOf(text: string): string {
  let h = 5381;
  for (let i = 0; i < text.length; i++) h = ((h << 5) + h + text.charCodeAt(i)) | 0;
  return `${text.length}-${(h >>> 0).toString(36)}`;
}
