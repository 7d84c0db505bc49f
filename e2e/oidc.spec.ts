// Single sign-on end to end: the SSO button goes to a real OpenID provider (scripts/oidc-test-provider.ts,
// started by scripts/e2e-server.ts), the user logs in there, and lands in the portal with the roles and
// domain memberships that AUTH_OIDC_GROUP_MAP gives their groups.
import { expect, test, type Page } from "@playwright/test";

// Without AUTH_URL, next-auth builds the redirect_uri from the Host header when the SSO button starts the
// flow, but from Next's request URL (always "localhost" under `next start`) in the callback; on
// "localhost" the two agree. Production sets AUTH_URL (see the README), which makes both the same.
const portal = (path: string) => `http://localhost:${new URL(test.info().project.use.baseURL!).port}${path}`;

async function signInWithSso(page: Page, login: string): Promise<void> {
  // The provider's development login page imports a web font; keep the browser on this machine.
  await page.route(/^https:\/\/fonts\./, (route) => route.abort());
  await page.goto(portal("/sign-in"));
  await page.getByRole("button", { name: "Continue with Test SSO" }).click();
  await page.locator("input[name=login]").fill(login);
  await page.locator("input[name=password]").fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click(); // the provider's consent screen
}

test("SSO sign-in maps the provider's groups to roles and a domain membership", async ({ page }) => {
  await signInWithSso(page, "olga.sso");
  await expect(page.getByTestId("current-user")).toHaveText("Olga SSO");
  // sales-team → Data producer and producer in "sales"; mesh-governance → Governance.
  await expect(page.getByRole("banner").getByText("Data producer, Governance")).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Register product" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Governance" })).toBeVisible();
  await page.goto(portal("/domains/sales"));
  await expect(page.getByRole("row", { name: /olga\.sso@test\.local/ })).toContainText(/producer/i);
});

test("a provider user without mapped groups gets the default role", async ({ page }) => {
  await signInWithSso(page, "nils.sso");
  await expect(page.getByTestId("current-user")).toHaveText("Nils SSO");
  await expect(page.getByRole("banner").getByText("Data consumer", { exact: true })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Register product" })).toHaveCount(0);
});
