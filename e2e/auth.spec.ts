// Sign-in through the real form (the one test that uses it), demo one-click sign-in, sign-out (a copied
// cookie is dead afterwards), sign out everywhere, redirects.
import { expect, test, type Browser, type BrowserContext } from "@playwright/test";
import { hashPassword } from "../lib/auth/password";
import { DEMO_PASSWORD, portalDatabase, uniqueName, USERS } from "./helpers";

test("anonymous visitors are sent to sign in", async ({ page }) => {
  await page.goto("/catalog");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("signing in with the form, then out", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(USERS.consumer);
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText("Email or password is incorrect.")).toBeVisible();

  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("current-user")).toHaveText("Carla Consumer");
  // A consumer has no producer entries in the navigation.
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Register product" })).toHaveCount(0);

  const copied = await page.context().cookies();
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  // Someone who copied the cookie before the sign-out gets nothing with it, not even a renewal.
  const thief = await page.context().browser()!.newContext();
  await thief.addCookies(copied);
  const thiefPage = await thief.newPage();
  await thiefPage.goto("/catalog");
  await expect(thiefPage).toHaveURL(/\/sign-in/);
  expect(await (await thief.request.get("/api/auth/session")).json()).toBeNull();
  await thief.close();
});

// The form passes callbackUrl on as given; next-auth's redirect callback (safeRedirect) is what keeps it on this site.
test("a control character or another site in callbackUrl still signs in, and lands at home on this site", async ({ browser }) => {
  for (const callbackUrl of ["/catalog\n", "https://evil.example/", "//evil.example/x"]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
    await page.getByRole("button", { name: /Sign in as Carla Consumer/ }).click();
    await expect(page.getByTestId("current-user"), callbackUrl).toHaveText("Carla Consumer");
    const landed = new URL(page.url());
    expect([landed.origin, landed.pathname], callbackUrl).toEqual([new URL(test.info().project.use.baseURL!).origin, "/"]);
    await context.close();
  }
});

async function signedInContext(browser: Browser, email: string, password: string): Promise<BrowserContext> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("current-user")).toBeVisible();
  return context;
}

test("sign out everywhere ends the user's sessions in every browser", async ({ browser }) => {
  test.setTimeout(120_000);
  const db = await portalDatabase();
  const email = `${uniqueName("everywhere")}@test.local`;
  const password = "a-dedicated-password-2";
  try {
    await db.query(
      "INSERT INTO users (id, email, name, password_hash, roles) VALUES (gen_random_uuid(), $1, 'Everywhere test', $2, '{data_consumer}')",
      [email, await hashPassword(password)],
    );
    const laptop = await signedInContext(browser, email, password);
    const phone = await signedInContext(browser, email, password);
    const laptopPage = laptop.pages()[0];
    await laptopPage.getByRole("button", { name: /Everywhere test/ }).click(); // the menu under the user's name
    await laptopPage.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(laptopPage).toHaveURL(/\/sign-in/);
    const phonePage = phone.pages()[0];
    await phonePage.goto("/catalog");
    await expect(phonePage).toHaveURL(/\/sign-in/);
    expect((await db.query("SELECT 1 FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = $1", [email])).rowCount).toBe(0);
    await Promise.all([laptop.close(), phone.close()]);
  } finally {
    await db.end();
  }
});

test("demo mode lists the demo users and signs in with one click", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: /Sign in as Sam Sales/ }).click();
  await expect(page.getByTestId("current-user")).toHaveText("Sam Sales");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Register product" })).toBeVisible();
});
