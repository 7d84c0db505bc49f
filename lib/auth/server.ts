// The auth area's server entry for other areas: the audited permission gates and the signed-in user's type.
import "server-only";

export { assertCan, ensure, productResource, recordDenial } from "./assert-can";
export type { CurrentUser } from "./current-user";
export { getCurrentUser } from "./current-user";
export { authenticateApiToken, type TokenAuth, type TokenPrincipal } from "./api-tokens";
