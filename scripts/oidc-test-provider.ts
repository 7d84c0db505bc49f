// A real OpenID provider for the e2e suite (the certified `oidc-provider` package, in process, on
// localhost): its built-in development login accepts the accounts below with any password, so a test can
// sign in through the portal's SSO button exactly as a user would. Never used outside tests.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

/** The provider's users: login name → claims (groups drive AUTH_OIDC_GROUP_MAP). */
export const OIDC_TEST_ACCOUNTS: Record<string, { email: string; name: string; groups: string[] }> = {
  "olga.sso": { email: "olga.sso@test.local", name: "Olga SSO", groups: ["sales-team", "mesh-governance", "unmapped-group"] },
  "nils.sso": { email: "nils.sso@test.local", name: "Nils SSO", groups: [] },
};

/** The group map the e2e portal runs with (also a worked example of the setting's format). */
export const OIDC_TEST_GROUP_MAP = "sales-team=data_producer, sales-team=sales:producer, mesh-governance=governance";

export type OidcTestProvider = { issuer: string; clientId: string; clientSecret: string; close(): Promise<void> };

export async function startOidcTestProvider(portalUrl: string, port = 0): Promise<OidcTestProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = "meshport-e2e";
  const clientSecret = "meshport-e2e-oidc-client-secret";
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [`${portalUrl}/api/auth/callback/oidc`],
        response_types: ["code"],
        grant_types: ["authorization_code"],
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "groups"] },
    // next-auth reads the profile from the ID token, so the scoped claims go there too.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    // A loaded CI machine can take longer than the default minute between code and token request.
    ttl: { AuthorizationCode: 600, Interaction: 3600, Session: 3600, Grant: 3600, IdToken: 3600, AccessToken: 3600 },
    async findAccount(_ctx, id) {
      const account = OIDC_TEST_ACCOUNTS[id];
      if (!account) return undefined;
      return {
        accountId: id,
        claims: async () => ({ sub: id, email: account.email, email_verified: true, name: account.name, groups: account.groups }),
      };
    },
  });
  provider.proxy = true;
  // A refused grant otherwise reaches the portal only as "server responded with an error".
  for (const event of ["grant.error", "authorization.error", "server_error", "userinfo.error"]) {
    provider.on(
      event,
      (
        ctx: { oidc?: { params?: { redirect_uri?: string } } },
        err: { error?: string; error_description?: string; error_detail?: string; message?: string },
      ) =>
        console.error(
          `[oidc-test-provider] ${event}: ${err.error ?? ""} ${err.error_description ?? err.message ?? ""} ${err.error_detail ?? ""} (redirect_uri ${ctx.oidc?.params?.redirect_uri})`,
        ),
    );
  }
  server.on("request", provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
