// Access that ends in data, in the browser: the demo consumer finds a confidential product, is told who
// decides, requests access; its owner approves in the inbox; the consumer then sees the first rows on the
// product page with the PII field masked, and the snippets name the product's real endpoint. An internal
// product reads at once, with no request form.
import { expect, test } from "@playwright/test";
import { signInAs, USERS } from "./helpers";

const FINANCE_OWNER = "fred.finance@meshport.local";
const PRODUCT = "/products/finance/expense-claims"; // prisma/seed/demo-data.ts DEMO_REQUESTABLE

test("a consumer requests a confidential product, its owner approves, the consumer previews masked rows", async ({ browser }) => {
  test.setTimeout(120_000);
  const carla = await (await browser.newContext()).newPage();
  await signInAs(carla, USERS.consumer);
  await carla.goto(PRODUCT);
  const card = carla.getByTestId("access-card");
  await expect(card.getByTestId("access-verdict")).toHaveText("Request access: the product's owners decide (for up to 90 days).");
  await expect(carla.getByTestId("preview-unavailable")).toHaveText("The preview shows once you can read this product.");
  await expect(carla.getByTestId("snippet-curl")).toContainText("Authorization: Bearer $MESHPORT_TOKEN");
  await expect(carla.getByTestId("snippet-curl")).toContainText("/api/data/finance/expense-claims?env=staging");
  await card.getByLabel("What do you need the data for?").fill("Travel spend review for the Q1 budget meeting");
  await card.getByRole("button", { name: "Request access" }).click();
  await expect(card.getByTestId("access-status")).toContainText("pending");
  await expect(card.getByRole("button", { name: "Request access" })).toHaveCount(0);

  const fred = await (await browser.newContext()).newPage();
  await signInAs(fred, FINANCE_OWNER);
  await fred.goto("/access/inbox");
  const row = fred.getByTestId("inbox-request").filter({ hasText: "finance/expense-claims" }).filter({ hasText: USERS.consumer });
  await row.getByRole("button", { name: "Approve" }).click();
  await expect(fred.getByText("Access granted. The requester can read the product now.")).toBeVisible();

  await carla.reload();
  await expect(card.getByTestId("access-verdict")).toContainText("You can read this now, through your access grant until");
  const preview = carla.getByTestId("data-preview");
  await expect(preview.getByTestId("preview-row")).toHaveCount(10);
  await expect(preview.getByTestId("masked-fields")).toContainText("employee_email");
  await expect(preview.getByRole("columnheader", { name: "employee_email (masked)" })).toBeVisible();
  await expect(preview.getByTestId("preview-row").first()).toContainText("***");
  await expect(preview).not.toContainText("@example.com");
  // The owner, a member of the domain, sees the same rows unmasked.
  await fred.goto(PRODUCT);
  await expect(fred.getByTestId("data-preview").getByTestId("preview-row").first()).toContainText("@example.com");
});

test("an internal product reads at once: no request form, PII masked in the preview", async ({ page }) => {
  await signInAs(page, USERS.consumer);
  await page.goto("/products/sales/accounts");
  await expect(page.getByTestId("access-verdict")).toHaveText("You can read this now: your role data_consumer reads internal data.");
  await expect(page.getByRole("button", { name: "Request access" })).toHaveCount(0);
  const preview = page.getByTestId("data-preview");
  await expect(preview.getByTestId("preview-row")).toHaveCount(10);
  await expect(preview.getByTestId("masked-fields")).toContainText("manager_email");
  await expect(preview).not.toContainText("@example.com");
});
