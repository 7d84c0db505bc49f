// The auth area's server entry for other areas: the audited permission gates and the signed-in user's type.
import "server-only";

export { assertCan, ensure, productResource, recordDenial } from "./assert-can";
export type { CurrentUser } from "./current-user";

/**
 * The browser session's user (current-user.ts), loaded lazily: that module needs Next's request context, and
 * scripts such as the seed import this entry for the gates alone.
 */
export async function getSessionUser() {
  return (await import("./current-user")).getCurrentUser();
}
export { authenticateApiToken, type TokenAuth, type TokenPrincipal } from "./api-tokens";
