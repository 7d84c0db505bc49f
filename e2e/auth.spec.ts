// Sign-in through the real form (the one test that uses it), demo one-click sign-in, sign-out, redirects.
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, USERS } from "./helpers";

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

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
});

test("demo mode lists the demo users and signs in with one click", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: /Sign in as Sam Sales/ }).click();
  await expect(page.getByTestId("current-user")).toHaveText("Sam Sales");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Register product" })).toBeVisible();
});
