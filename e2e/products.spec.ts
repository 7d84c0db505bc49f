// The producer journey of the foundation: register through the form, find by a field name, export YAML,
// import it back as a new version; and a consumer who may not edit.
import { expect, test } from "@playwright/test";
import { registerThroughForm, signInAs, uniqueName, USERS } from "./helpers";

test("a producer registers, publishes, finds, exports and re-imports a product as a new version", async ({ page }) => {
  const name = uniqueName("e2e-orders");
  const field = `loyalty_${name.split("-").pop()}`;
  await signInAs(page, USERS.salesOwner);

  await registerThroughForm(page, {
    name,
    description: "Orders with loyalty information, registered by the e2e suite",
    tags: "e2e, orders",
    fields: [{ name: field, type: "integer" }],
  });
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

  // Through review to publication (the sales owner may do both).
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByRole("button", { name: "Publish" })).toBeVisible();
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByTestId("lifecycle-actions").getByRole("button", { name: "Deprecate" })).toBeVisible();

  // The catalog finds it by one of its field names, typed into the search box.
  await page.goto("/catalog");
  await page.getByRole("searchbox").fill(field);
  await page.getByRole("searchbox").press("Enter");
  await expect(page.getByTestId("catalog-results").getByRole("link", { name })).toBeVisible();

  // Export the YAML and import it back with a minor bump: a new, immutable version.
  await page.goto(`/products/sales/${name}`);
  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export YAML" }).click();
  const download = await downloadPromise;
  const stream = await download.createReadStream();
  let yaml = "";
  for await (const chunk of stream) yaml += chunk.toString();
  expect(yaml).toContain("kind: DataProduct");
  expect(yaml).toContain(`name: ${name}`);
  expect(yaml).toContain(field);

  const bumped = yaml
    .replace(/version: "?1\.0\.0"?/, 'version: "1.1.0"')
    .replace("registered by the e2e suite", "re-imported by the e2e suite");
  await page.goto("/products/import");
  await page.getByLabel("Document").fill(bumped);
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page).toHaveURL(new RegExp(`/products/sales/${name}\\?imported=versioned`));

  await page.goto(`/products/sales/${name}/versions`);
  const history = page.locator("section[aria-labelledby=history-heading]");
  await expect(history).toContainText("1.1.0");
  await expect(history).toContainText("1.0.0");
});

test("an import with a schema error names the path and the line, and changes nothing", async ({ page }) => {
  await signInAs(page, USERS.salesOwner);
  await page.goto("/products/import");
  await page
    .getByLabel("Document")
    .fill(
      [
        "apiVersion: v1",
        "kind: DataProduct",
        "metadata:",
        "  name: broken-import",
        "  namespace: sales-domain",
        "spec:",
        "  owner: sales-team@company.com",
        '  version: "1.0.0"',
        "  description: Broken",
        "  schema:",
        "    - name: id",
        "      type: uuid",
        "  slo:",
        "    availability: 99.9%",
        '    latency: "< 100ms"',
        '    freshness: "< 1 hour"',
      ].join("\n"),
    );
  await page.getByRole("button", { name: "Import" }).click();
  const problems = page.getByTestId("import-problems");
  await expect(problems).toContainText("spec.schema[0].type");
  await expect(problems).toContainText("line 12");
  await page.goto("/catalog?q=broken-import");
  await expect(page.getByTestId("catalog-total")).toBeVisible();
  await expect(page.getByRole("link", { name: "broken-import", exact: true })).toHaveCount(0);
});

test("a consumer cannot edit a product (403)", async ({ page }) => {
  await signInAs(page, USERS.consumer);
  const response = await page.goto("/products/sales/customer-data-product/edit");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
  await page.goto("/products/sales/customer-data-product");
  await expect(page.getByRole("link", { name: "Edit" })).toHaveCount(0);
});
