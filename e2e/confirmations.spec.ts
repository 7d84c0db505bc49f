// What cannot be undone asks first: an owner deprecates a product through the confirmation dialog, which
// wants a reason and a future sunset date, and then sees both on the product page, in its history and in
// the catalog. And a form shows the value it will save: the policy editors keep every field through
// "Preview impact" (React's reset after a form action used to put selects back to their first option).
import { expect, test } from "@playwright/test";
import { registerThroughForm, signInAs, uniqueName, USERS } from "./helpers";

const isoDate = (daysFromNow: number) => new Date(Date.now() + daysFromNow * 86_400_000).toISOString().slice(0, 10);

test("an owner deprecates a product with a reason and a sunset date, and sees them on the product page", async ({ page }) => {
  const name = uniqueName("e2e-sunset");
  await signInAs(page, USERS.salesOwner);
  await registerThroughForm(page, { name, description: "Orders superseded by a new product, for the confirmation journey" });
  await page.getByRole("button", { name: "Submit for review" }).click();
  await page.getByRole("button", { name: "Publish" }).click();

  // The move opens a dialog that says what will happen; Confirm waits for a reason.
  await page.getByRole("button", { name: "Deprecate…" }).click();
  const dialog = page.getByRole("dialog", { name: `Deprecate sales/${name}?` });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(`Deprecating sales/${name} tells every consumer it stops being served on the sunset date`);
  const reason = dialog.getByLabel("Reason for deprecating");
  await expect(reason).toBeFocused();
  const confirm = dialog.getByRole("button", { name: "Deprecate", exact: true });
  await expect(confirm).toBeDisabled();
  await reason.fill("Superseded by sales/orders-v2");
  await expect(confirm).toBeEnabled();

  // The server insists on a future date: today is refused with a field error and nothing changes.
  const sunsetField = dialog.getByLabel("Sunset date");
  await sunsetField.fill(isoDate(0));
  await confirm.click();
  await expect(dialog.getByText("The sunset date must be in the future.")).toBeVisible();
  await expect(reason).toHaveValue("Superseded by sales/orders-v2");

  const sunset = isoDate(90);
  await sunsetField.fill(sunset);
  await confirm.click();
  await expect(dialog).toBeHidden();

  await expect(page.getByTestId("sunset")).toHaveText(`Sunset on ${sunset}`);
  await expect(page.getByTestId("lifecycle-actions").getByRole("button", { name: "Retire…" })).toBeVisible();
  await page.getByRole("navigation", { name: "Product sections" }).getByRole("link", { name: "Lifecycle history" }).click();
  const latest = page.getByRole("listitem").filter({ hasText: "Superseded by sales/orders-v2" });
  await expect(latest).toContainText(`Sunset on ${sunset}`);

  await page.goto(`/catalog?q=${name}`);
  await expect(page.getByTestId("catalog-results").getByRole("listitem").filter({ hasText: name })).toContainText(`Sunset on ${sunset}`);

  // Cancelling a second dialog changes nothing.
  await page.goto(`/products/sales/${name}`);
  await page.getByRole("button", { name: "Retire…" }).click();
  const retire = page.getByRole("dialog", { name: `Retire sales/${name}?` });
  await expect(retire).toContainText("This cannot be undone.");
  await retire.getByRole("button", { name: "Cancel" }).click();
  await expect(retire).toBeHidden();
  await expect(page.getByRole("button", { name: "Retire…" })).toBeFocused();
  await page.reload();
  await expect(page.getByTestId("sunset")).toBeVisible();
});

test("the domain policy editor shows the access model it will save after Preview impact", async ({ page }) => {
  await signInAs(page, USERS.governance);
  // No other spec edits the marketing policy; this one previews and never saves.
  await page.goto("/governance/policies/domains/marketing");
  const model = page.getByLabel("Access model");
  const chosen = (await model.inputValue()) === "strict_role_based" ? "attribute_based" : "strict_role_based";
  await model.selectOption(chosen);
  const override = page.getByRole("checkbox", { name: "Override data quality metrics" });
  const overrideWas = await override.isChecked();
  await override.setChecked(!overrideWas);
  const freshness = page.getByLabel("Freshness requirement");
  await freshness.fill("45_minutes");

  await page.getByRole("textbox", { name: "Change note" }).fill("Checking what the form shows");
  await page.getByRole("button", { name: "Preview impact" }).click();
  await expect(page.getByTestId("impact-preview")).toBeVisible();
  await expect(model).toHaveValue(chosen);
  await expect(override).toBeChecked({ checked: !overrideWas });
  await expect(freshness).toHaveValue("45_minutes");
  await expect(page.getByRole("textbox", { name: "Change note" })).toHaveValue("Checking what the form shows");
});

test("the global policy editor keeps every select through Preview impact", async ({ page }) => {
  await signInAs(page, USERS.governance);
  await page.goto("/governance/policies/global");
  // "optional" is not the first option, so a reset to the first one would show.
  const encryption = page.getByLabel("Encryption for public");
  await encryption.selectOption("optional");
  await page.getByRole("textbox", { name: "Change note" }).fill("Checking what the form shows");
  await page.getByRole("button", { name: "Preview impact" }).click();
  await expect(page.getByTestId("impact-preview")).toBeVisible();
  await expect(encryption).toHaveValue("optional");
});
