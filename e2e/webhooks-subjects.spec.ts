// Two governance journeys in the browser: a domain owner subscribes a webhook (refused for a non-http URL and
// for the portal itself, then created with its secret shown once) and finds a consumer's access request in
// its delivery log; a governance user finds one person's records across the mesh and erases them.
import { expect, test } from "@playwright/test";
import { signInAs, uniqueName, USERS } from "./helpers";

test("a domain owner subscribes a webhook and sees an access request in its delivery log", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const sam = await (await browser.newContext()).newPage();
  await signInAs(sam, USERS.salesOwner);
  await sam.goto("/webhooks");
  const url = sam.getByLabel("Endpoint URL");
  await sam.getByLabel("Events from").selectOption("sales");
  await sam.getByLabel("Access requested (you decide)").check();
  const create = sam.getByRole("button", { name: "Create webhook" });

  // Refused with a field error, and nothing is created.
  await url.fill("ftp://hooks.example.com/meshport");
  await create.click();
  await expect(sam.getByText("Only http:// and https:// URLs can receive webhooks.")).toBeVisible();
  await url.fill(`${baseURL}/api/health`);
  await create.click();
  await expect(sam.getByText(/^This URL points at the portal itself/)).toBeVisible();
  await expect(sam.getByLabel("Signing secret (shown once)")).toHaveCount(0);

  // An endpoint that answers nothing: deliveries fail and retry, the request itself never waits for them.
  const endpoint = `http://127.0.0.1:9/${uniqueName("hook")}`;
  await url.fill(endpoint);
  await create.click();
  await expect(sam.getByLabel("Signing secret (shown once)")).toHaveValue(/^whsec_/);
  await sam.goto("/webhooks");
  await sam.getByRole("link", { name: endpoint }).click();
  await expect(sam.getByRole("heading", { name: "Webhook deliveries" })).toBeVisible();

  // Carla asks for a confidential sales product: an access request in the webhook's domain.
  const carla = await (await browser.newContext()).newPage();
  await signInAs(carla, USERS.consumer);
  await carla.goto("/products/sales/customer-churn-scores");
  const card = carla.getByTestId("access-card");
  await card.getByLabel("What do you need the data for?").fill("Churn review with the account managers");
  await card.getByRole("button", { name: "Request access" }).click();
  await expect(card.getByTestId("access-status")).toContainText("pending");

  await expect(async () => {
    await sam.reload();
    await expect(sam.getByText("access.requested").first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
});

test("a governance user finds one person's records across the mesh and erases them with a reason", async ({ page }) => {
  await signInAs(page, USERS.governance);
  await page.goto("/governance/subject-requests");
  // The demo loads finance/expense-claims with one row per employee e-mail (employee_email is marked PII).
  await page.getByLabel("Subject key").fill("employee_email");
  await page.getByLabel("Identifier").fill("jia.9@example.com");
  await page.getByRole("button", { name: "Find records" }).click();
  const matches = page.getByTestId("subject-matches");
  await expect(matches.getByRole("row").filter({ hasText: "expense" })).toContainText("1");

  const erase = page.getByTestId("subject-erase");
  await erase.getByRole("button", { name: "Erase this person's records" }).click();
  // Without a reason and the typed confirmation nothing is erased.
  await expect(page.getByTestId("erasure-report")).toHaveCount(0);
  await erase.getByLabel("Reason").fill("The employee asked for erasure (ticket 4711)");
  await erase.getByLabel('Type "erase" to confirm').fill("erase");
  await erase.getByRole("button", { name: "Erase this person's records" }).click();
  await expect(page.getByTestId("erasure-report")).toContainText("1 row(s) deleted");
});
