// Who calls the REST API: a bearer token (`Authorization: Bearer mp_…`) or the browser session. A token
// carries scopes (read, write) and may be limited to some domains; a session may do what its user may.
// Every token use is audited (lib/auth/api-tokens.ts); every scope refusal goes through the audited gate.
import "server-only";
import { authenticateApiToken, ensure, getSessionUser, type CurrentUser } from "@/lib/auth/server";
import { bearerSecret, type TokenScope } from "@/lib/auth";
import { ForbiddenError, UnauthenticatedError } from "@/lib/errors";
import { RateLimitedError } from "./problem";
import { isSameOrigin } from "@/lib/same-origin";

export type ApiCaller = {
  user: CurrentUser;
  via: "token" | "session";
  token: { id: string; prefix: string; scopes: TokenScope[]; domains: string[] } | null;
};

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export async function authenticateApi(request: Request): Promise<ApiCaller> {
  const secret = bearerSecret(request.headers.get("authorization"));
  const via = `${request.method} ${new URL(request.url).pathname}`;
  if (secret === "malformed") {
    await ensure(null, () => false, {
      action: "api_token:use",
      resource: "api_token:malformed",
      reason: "Malformed Authorization header.",
    });
  }
  if (typeof secret === "string") {
    const auth = await authenticateApiToken(secret, via);
    if (auth.ok) return { user: auth.user, via: "token", token: auth.token };
    if (auth.status === 429) throw new RateLimitedError(auth.retryAfter, auth.limit);
    throw new UnauthenticatedError("The API token is invalid, expired or revoked.");
  }
  const user = await getSessionUser();
  if (!user) {
    await ensure(null, () => false, { action: "api", resource: via, reason: "No token and no session." });
    throw new UnauthenticatedError("Send a token (Authorization: Bearer mp_…) or sign in.");
  }
  if (UNSAFE.has(request.method) && !isSameOrigin(request)) {
    throw new ForbiddenError("A browser session may change data only from the portal's own pages; use an API token.");
  }
  return { user, via: "session", token: null };
}

/**
 * The token's scope and domain limit for what is about to happen (audited refusal). Sessions pass: their
 * user's own rights are checked by the service that follows.
 */
export async function requireScope(caller: ApiCaller, scope: TokenScope, domain?: string): Promise<void> {
  const token = caller.token;
  if (!token) return;
  await ensure(caller.user, () => token.scopes.includes(scope), {
    action: `api_token:${scope}`,
    resource: domain ? `domain:${domain}` : "api",
    reason: `The token ${token.prefix}… has no ${scope} scope.`,
    message: `This token has no ${scope} scope.`,
  });
  if (domain !== undefined && token.domains.length > 0) {
    await ensure(caller.user, () => token.domains.includes(domain), {
      action: `api_token:${scope}`,
      resource: `domain:${domain}`,
      reason: `The token ${token.prefix}… is limited to ${token.domains.join(", ")}.`,
      message: `This token is limited to the domains ${token.domains.join(", ")}.`,
    });
  }
}
