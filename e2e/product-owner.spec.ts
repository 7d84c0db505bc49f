// The product's Owner is picked from its domain's team and members, and naming yourself owner gives no
// rights: a producer named owner still cannot publish, and cannot hand the product on (the server
// refuses a forged choice with a field error) — only the domain's owners can.
import { expect, test } from "@playwright/test";
import { signInAs, uniqueName, USERS } from "./helpers";

test("a producer named owner cannot publish or change the owner; the domain owner picks from the domain's people", async ({ page }) => {
  const name = uniqueName("e2e-owner");
  await signInAs(page, USERS.marketingProducer);

  // Registering: the Owner select offers the marketing team and its members, never anyone else.
  await page.goto("/products/new");
  const owner = page.getByLabel("Owner");
  await expect(owner).toHaveValue(USERS.marketingProducer);
  const offered = await owner.locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  expect(offered).toContain("marketing-team@company.com");
  expect(offered).not.toContain(USERS.salesOwner);
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Version").fill("1.0.0");
  await page.getByRole("textbox", { name: "Description", exact: true }).fill("Registered by the owner e2e spec");
  await page.getByRole("button", { name: "Register product" }).click();
  await expect(page).toHaveURL(new RegExp(`/products/marketing/${name}$`));

  // Named owner, but only a producer of marketing: she may submit, not publish.
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByRole("button", { name: "Publish" })).toHaveCount(0);

  // Editing: the Owner select holds only the saved owner; a forged choice is refused at the server.
  await page.goto(`/products/marketing/${name}/edit`);
  await expect(page.getByLabel("Owner").locator("option")).toHaveCount(1);
  await page.getByLabel("Owner").evaluate((el) => {
    const select = el as HTMLSelectElement;
    select.add(new Option("marketing-team@company.com", "marketing-team@company.com"));
    select.value = "marketing-team@company.com";
  });
  await page.getByRole("button", { name: /Save/ }).click();
  await expect(page.locator("#owner-error")).toContainText("Only the product's owners can change its owner");
  await page.goto(`/products/marketing/${name}`);
  await expect(page.getByText(USERS.marketingProducer).first()).toBeVisible();
});

test("the sales owner's edit form offers the sales team and members as owners", async ({ page }) => {
  await signInAs(page, USERS.salesOwner);
  await page.goto("/products/new?domain=sales");
  const offered = await page
    .getByLabel("Owner")
    .locator("option")
    .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  expect(offered).toEqual(expect.arrayContaining(["sales-team@company.com", USERS.salesOwner]));
  expect(offered).not.toContain(USERS.marketingProducer);
});
