// A data admin onboards a domain: creates it, adds a member, sees field errors, archives it.
// A producer may not manage domains.
import { expect, test } from "@playwright/test";
import { signInAs, uniqueName, USERS } from "./helpers";

test("a data admin creates a domain, adds a member and archives it", async ({ page }) => {
  const slug = uniqueName("dom").slice(0, 30);
  await signInAs(page, USERS.admin);
  await page.goto("/domains");
  await page.getByRole("link", { name: "New domain" }).click();

  // Bad input first: field-level errors, nothing created.
  await page.getByLabel("Slug").fill("Not A Slug");
  await page.getByLabel("Name").fill("Customer success");
  await page.getByLabel("Owner team").fill("not-an-email");
  await page.getByRole("button", { name: "Create domain" }).click();
  await expect(page.getByText("Use lowercase letters, digits and dashes")).toBeVisible();
  await expect(page.getByText("The owner team must be an email address")).toBeVisible();

  await page.getByLabel("Slug").fill(slug);
  await page.getByLabel("Owner team").fill("success-team@company.com");
  await page.getByRole("button", { name: "Create domain" }).click();
  await expect(page).toHaveURL(new RegExp(`/domains/${slug}$`));
  await expect(page.getByRole("heading", { name: /Customer success/ })).toBeVisible();

  await page.getByLabel("Email").fill(USERS.marketingProducer);
  await page.getByLabel("Role").selectOption("producer");
  await page.getByRole("button", { name: "Add member" }).click();
  await expect(page.getByRole("cell", { name: USERS.marketingProducer })).toBeVisible();

  await page.getByText("Archive…").click();
  await page.getByRole("button", { name: "Yes, archive domain" }).click();
  await expect(page.getByText(/archived/i).first()).toBeVisible();
  await page.goto("/domains");
  await expect(page.getByRole("link", { name: /Customer success/ })).toHaveCount(0);
});

test("a producer cannot create domains (403)", async ({ page }) => {
  await signInAs(page, USERS.salesOwner);
  const response = await page.goto("/domains/new");
  expect(response?.status()).toBe(403);
  await page.goto("/domains");
  await expect(page.getByRole("link", { name: "New domain" })).toHaveCount(0);
});
