// The self-serve platform journey: an owner registers a product, provisions it to staging from its page
// and watches the four steps complete live, loads a CSV (and sees a malformed one refused by line),
// sees the row count, then deprovisions staging again.
import { expect, test } from "@playwright/test";
import { registerThroughForm, signInAs, uniqueName, USERS } from "./helpers";

test("an owner provisions from the UI, watches the steps, uploads a CSV and sees the row count", async ({ page }) => {
  test.setTimeout(120_000);
  const name = uniqueName("e2e-prov");
  await signInAs(page, USERS.salesOwner);

  await registerThroughForm(page, { name, description: "Provisioned by the e2e suite", fields: [{ name: "qty", type: "integer" }] });

  const staging = page.getByTestId("deployment-staging");
  await expect(staging).toHaveAttribute("data-status", "not provisioned");
  // A marker on the window survives only if the page is never reloaded.
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
  await staging.getByRole("button", { name: "Provision to staging" }).click();

  const progress = staging.getByTestId("job-progress");
  await expect(progress.locator("li[data-testid^=step-]")).toHaveCount(4);
  await expect(progress).toHaveAttribute("data-job-status", "succeeded", { timeout: 60_000 });
  for (const step of ["storage", "processing", "serving", "governance"]) {
    await expect(progress.getByTestId(`step-${step}`)).toHaveAttribute("data-status", "succeeded");
  }
  await expect(staging).toHaveAttribute("data-status", "active");
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
  await expect(staging).toContainText(`GET /api/data/sales/${name}?env=staging`);

  // The job page offers the Terraform plan, clearly a plan.
  await staging.getByRole("link", { name: /details, logs/ }).click();
  await expect(page.getByText("Plan only — not applied.", { exact: true })).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download plan (.tf.json)" }).click();
  expect((await download).suggestedFilename()).toBe(`sales-${name}-staging.plan.tf.json`);
  await page.goto(`/products/sales/${name}`);

  await page.getByTestId("deployment-staging").getByRole("link", { name: "Load data" }).click();
  await expect(page).toHaveURL(new RegExp(`/products/sales/${name}/ingest\\?env=staging$`));
  const upload = page.locator("form").filter({ has: page.getByLabel("CSV file (header line first)") });

  await upload
    .getByLabel("CSV file (header line first)")
    .setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from("id,qty\na,1\nb,lots\n,3\n") });
  await upload.getByRole("button", { name: "Upload and load" }).click();
  const refused = upload.getByTestId("load-result");
  await expect(refused).toContainText("Nothing was loaded: 2 problems");
  await expect(refused.getByRole("row").nth(1)).toContainText('3qty: "lots" is not a whole number');
  await expect(refused.getByRole("row").nth(2)).toContainText("4missing required field id");

  await upload
    .getByLabel("CSV file (header line first)")
    .setInputFiles({ name: "good.csv", mimeType: "text/csv", buffer: Buffer.from("id,qty\na,1\nb,2\nc,3\n") });
  await upload.getByRole("button", { name: "Upload and load" }).click();
  await expect(upload.getByTestId("rows-loaded")).toHaveText("3");

  await page.goto(`/products/sales/${name}`);
  await expect(page.getByTestId("rows-staging")).toHaveText("3");

  // Clean up through the UI: deprovisioning reverses every step.
  const card = page.getByTestId("deployment-staging");
  await card.getByRole("button", { name: "Deprovision staging…" }).click();
  const dialog = page.getByRole("dialog", { name: `Deprovision sales/${name} in staging?` });
  await expect(dialog).toContainText("The data cannot be restored.");
  const confirm = dialog.getByRole("button", { name: "Deprovision staging", exact: true });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel("Reason for deprovisioning").fill("End of the e2e journey");
  await confirm.click();
  await expect(dialog).toBeHidden();
  await expect(card).toContainText("Reason: End of the e2e journey");
  await expect(card.getByTestId("job-progress")).toHaveAttribute("data-job-status", "succeeded", { timeout: 60_000 });
  await expect(page.getByTestId("deployment-staging")).toHaveAttribute("data-status", "deprovisioned");
});

test("a product you don't own cannot be provisioned or loaded (403)", async ({ page }) => {
  await signInAs(page, USERS.consumer);
  const res = await page.request.post("/api/ingest/sales/orders?env=staging", {
    headers: { "Content-Type": "text/csv" },
    data: "order_id\nx\n",
  });
  expect(res.status()).toBe(403);
  await page.goto("/products/sales/orders");
  // The operational detail is folded for readers: open it.
  await page.getByTestId("operations").locator("summary").click();
  await expect(page.getByTestId("deployment-staging")).toBeVisible();
  await expect(page.getByRole("button", { name: "Provision to staging" })).toHaveCount(0);
});
