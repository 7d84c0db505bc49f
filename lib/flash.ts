// Confirmations after an action that redirects (register, save, import, decide): the action appends
// `?flash=<code>` to where it sends the user and the portal layout shows the code's sentence once.
// Only known codes have a sentence, so a crafted link cannot make the portal say anything else.
// Pure and safe on the client.

export const FLASH_MESSAGES = {
  registered: "Product registered as a draft. Publish it once the compliance checks pass.",
  saved: "Changes saved as a new version.",
  "imported-registered": "Imported: the document registered a new product as a draft.",
  "imported-versioned": "Imported: the document saved a new version of this product.",
  "access-approved": "Access granted. The requester can read the product now.",
  "access-denied": "Request denied. The requester sees your note under My access.",
  "access-revoked": "Access revoked. The consumer can no longer read the product.",
} as const;

export type FlashCode = keyof typeof FLASH_MESSAGES;
export const FLASH_PARAM = "flash";

/** `path` with the flash code added to its query (keeps an existing query and fragment). */
export function withFlash(path: string, code: FlashCode): string {
  const [beforeHash, hash] = path.split("#", 2);
  const sep = beforeHash.includes("?") ? "&" : "?";
  return `${beforeHash}${sep}${FLASH_PARAM}=${code}${hash === undefined ? "" : `#${hash}`}`;
}

/** The sentence for a code read from the URL; undefined for anything unknown. */
export function flashMessage(code: string | null | undefined): string | undefined {
  return code && Object.hasOwn(FLASH_MESSAGES, code) ? FLASH_MESSAGES[code as FlashCode] : undefined;
}
