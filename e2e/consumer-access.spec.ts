// Access that ends in data, in the browser: the demo consumer finds a confidential product, is told who
// decides, requests access; its owner approves in the inbox; the consumer then sees the first rows on the
// product page with the PII field masked, and the snippets name the product's real endpoint. An internal
// product reads at once, with no request form.
import { expect, test } from "@playwright/test";
import { signInAs, USERS } from "./helpers";

const FINANCE_OWNER = "fred.finance@meshport.local";
const PRODUCT = "/products/finance/expense-claims"; // prisma/seed/demo-data.ts DEMO_REQUESTABLE

test("a consumer requests a confidential product, its owner approves, the consumer previews masked rows and reads them with a token", async ({
  browser,
  playwright,
}) => {
  test.setTimeout(120_000);
  const carla = await (await browser.newContext()).newPage();
  await signInAs(carla, USERS.consumer);
  await carla.goto(PRODUCT);
  const card = carla.getByTestId("access-card");
  await expect(card.getByTestId("access-verdict")).toHaveText("Request access: the product's owners decide (for up to 90 days).");
  await expect(carla.getByTestId("preview-unavailable")).toHaveText("The preview shows once you can read this product.");
  await expect(carla.getByTestId("snippet-curl")).toContainText("Authorization: Bearer $MESHPORT_TOKEN");
  await expect(carla.getByTestId("snippet-curl")).toContainText("/api/v1/products/finance/expense-claims/data?env=staging&limit=100");
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

  // A program reads the same rows with a token the consumer creates, at the address the curl snippet shows.
  await carla.goto("/tokens");
  await carla.getByLabel("Name").fill("travel spend notebook");
  await carla.getByRole("button", { name: "Create token" }).click();
  const secret = await carla.getByLabel("Your new token (shown once)").inputValue();
  expect(secret).toMatch(/^mp_/);
  await carla.goto(PRODUCT);
  const curl = (await carla.getByTestId("snippet-curl").textContent()) ?? "";
  const address = /"(http[^"]+)"/.exec(curl)?.[1] ?? "";
  const program = await playwright.request.newContext(); // no browser session: the token alone
  const res = await program.get(address, { headers: { authorization: `Bearer ${secret}` } });
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { product: string; masked: string[]; items: Record<string, unknown>[] };
  expect(body.product).toBe("finance/expense-claims");
  expect(body.masked).toContain("employee_email");
  expect(body.items.length).toBeGreaterThanOrEqual(10);
  expect(body.items.every((row) => !String(row.employee_email).includes("@example.com"))).toBe(true);
  expect((await program.get(address)).status()).toBe(401);
  await program.dispose();

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
