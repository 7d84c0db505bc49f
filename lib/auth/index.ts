// The auth area's public entry for other areas (pure, safe in client bundles): the permission table.
// Gates that audit and the signed-in user are server-side: `@/lib/auth/server`.
export { can, type Principal } from "./permissions";
export { bearerSecret, TOKEN_SCOPES, type TokenScope } from "./api-token-secret";
