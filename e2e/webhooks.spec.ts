// A domain owner subscribes a webhook in the browser: refused for a non-http URL and for the portal itself,
// then created with its secret shown once, and a consumer's access request shows in its delivery log.
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
  // The field's own error (the form repeats it in its summary).
  await expect(sam.locator("#url-error")).toHaveText("Only http:// and https:// URLs can receive webhooks.");
  await url.fill(`${baseURL}/api/health`);
  await create.click();
  await expect(sam.locator("#url-error")).toHaveText(/^This URL points at the portal itself/);
  await expect(sam.getByLabel("Signing secret (shown once)")).toHaveCount(0);

  // An endpoint that answers nothing: deliveries fail and retry, the request itself never waits for them.
  const endpoint = `http://127.0.0.1:9/${uniqueName("hook")}`;
  await url.fill(endpoint);
  await create.click();
  await expect(sam.getByLabel("Signing secret (shown once)")).toHaveValue(/^whsec_/);
  await sam.goto("/webhooks");
  await sam.getByRole("link", { name: endpoint }).click();
  await expect(sam.getByRole("heading", { name: "Webhook deliveries" })).toBeVisible();

  // Carla asks for a sales product she has not asked for yet: an access request in the domain. Other journeys
  // (metrics, experience) take the first such product of a similar list, in whatever order the workers run them,
  // so this one looks for a free one too instead of counting on a fixed product.
  const carla = await (await browser.newContext()).newPage();
  await signInAs(carla, USERS.consumer);
  const card = carla.getByTestId("access-card");
  let product = "";
  for (const candidate of ["pipeline-forecast", "customer-churn-scores", "territories", "quotes", "accounts", "customer-data-product"]) {
    await carla.goto(`/products/sales/${candidate}`);
    if (await card.getByRole("button", { name: "Request access" }).isVisible()) {
      product = candidate;
      break;
    }
  }
  expect(product, "a sales product the consumer may still request").not.toBe("");
  await card.getByLabel("What do you need the data for?").fill("Churn review with the account managers");
  await card.getByRole("button", { name: "Request access" }).click();
  await expect(card.getByTestId("access-status")).toContainText("pending");

  await expect(async () => {
    await sam.reload();
    await expect(sam.getByText("access.requested").first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
});
