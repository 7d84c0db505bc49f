// Success metrics: an executive reads the dashboard, changes the date range and downloads a chart's CSV;
// people without metrics access get a 403. Also the consumer journey the metrics count: request access,
// the owner approves it.
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { signInAs, uniqueName, USERS } from "./helpers";

test("an executive sees the dashboard, changes the date range and exports a chart as CSV", async ({ page }) => {
  await signInAs(page, USERS.executive);
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Metrics" }).click();
  await expect(page).toHaveURL(/\/metrics$/);
  await expect(page.getByRole("heading", { name: "Success metrics" })).toBeVisible();

  // The seeded year of history gives real figures, not dashes.
  const reads = page.getByTestId("kpi-usage");
  await expect(reads).toContainText("Data usage (reads)");
  await expect(reads.getByTestId("kpi-value")).toHaveText(/^\d[\d,.]*[kKM]?$/);
  await expect(page.getByTestId("kpi-availability").getByTestId("kpi-value")).toHaveText(/^\d{2,3}\.\d{2} %$/);
  await expect(page.getByTestId("kpi-cost")).toContainText("Model");
  await expect(page.getByTestId("range-label")).toContainText("(90 days)");
  const reads90 = await reads.getByTestId("kpi-value").innerText();

  // Preset: the last 30 days.
  await page.getByRole("link", { name: "30 days", exact: true }).click();
  await expect(page).toHaveURL(/range=30d/);
  await expect(page.getByTestId("range-label")).toContainText("(30 days)");
  await expect(reads.getByTestId("kpi-value")).not.toHaveText(reads90);

  // Custom range through the form.
  const today = new Date();
  const from = new Date(today.getTime() - 59 * 86_400_000).toISOString().slice(0, 10);
  const to = today.toISOString().slice(0, 10);
  await page.getByLabel("From", { exact: true }).fill(from);
  await page.getByLabel("To", { exact: true }).fill(to);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`from=${from}&to=${to}`));
  await expect(page.getByTestId("range-label")).toContainText("(60 days)");

  // Download the data behind the reads chart.
  const downloadPromise = page.waitForEvent("download");
  await page.getByTestId("chart-usage").getByRole("link", { name: "Download CSV" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe(`meshport-usage-${from}-to-${to}.csv`);
  const csv = (await readFile((await download.path())!, "utf8")).trim().split(/\r?\n/);
  expect(csv[0]).toBe("week,reads,distinct_consumers");
  expect(csv.length).toBeGreaterThan(8);
  expect(csv.slice(1).reduce((sum, line) => sum + Number(line.split(",")[1]), 0)).toBeGreaterThan(0);

  // Drill down to a domain, and read-only: no stage controls for executives on the rollout page.
  await page.getByTestId("table-domains").getByRole("link", { name: "Sales" }).click();
  await expect(page.getByRole("heading", { name: "Sales metrics" })).toBeVisible();
  await page.getByRole("navigation", { name: "Metrics sections" }).getByRole("link", { name: "Rollout", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Adoption and rollout" })).toBeVisible();
  await expect(page.getByTestId("rollout-sales")).toContainText("Full rollout");
  await expect(page.getByRole("button", { name: "Set stage" })).toHaveCount(0);
});

test("a consumer cannot open the metrics or export their data", async ({ page }) => {
  await signInAs(page, USERS.consumer);
  const res = await page.goto("/metrics");
  expect(res?.status()).toBe(403);
  await expect(page.getByText("You do not have access to this page")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Metrics" })).toHaveCount(0);
  const csv = await page.request.get("/api/metrics/export?chart=usage&range=30d");
  expect(csv.status()).toBe(403);
  expect((await page.goto("/metrics/domains/sales"))?.status()).toBe(403);
});

test("a consumer requests access and the product's owner approves it", async ({ page }) => {
  const purpose = `${uniqueName("e2e")}: weekly churn report for the retention team`;
  await signInAs(page, USERS.consumer);
  // The first published sales product Carla has no open request for.
  let product = "";
  for (const candidate of ["accounts", "customer-churn-scores", "pipeline-forecast", "quotes", "territories", "customer-data-product"]) {
    await page.goto(`/products/sales/${candidate}`);
    if (await page.getByRole("button", { name: "Request access" }).isVisible()) {
      product = candidate;
      break;
    }
  }
  expect(product, "a published sales product without an open request").not.toBe("");
  await page.getByLabel("What do you need the data for?").fill(purpose);
  await page.getByRole("button", { name: "Request access" }).click();
  await expect(page.getByTestId("access-status")).toContainText("pending");
  await page.getByRole("link", { name: "My access requests" }).click();
  await expect(page.getByTestId("my-request").filter({ hasText: purpose })).toContainText("pending");

  await page.context().clearCookies();
  await signInAs(page, USERS.salesOwner);
  await page.goto("/access/inbox");
  const row = page.getByTestId("inbox-request").filter({ hasText: purpose });
  await expect(row).toContainText(`sales/${product}`);
  await row.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByTestId("inbox-request").filter({ hasText: purpose })).toHaveCount(0);
  await page.getByRole("link", { name: "Granted" }).click();
  await expect(page.getByTestId("inbox-request").filter({ hasText: purpose })).toContainText("granted");

  await page.context().clearCookies();
  await signInAs(page, USERS.consumer);
  await page.goto(`/products/sales/${product}`);
  await expect(page.getByTestId("access-status")).toContainText("granted");
});
