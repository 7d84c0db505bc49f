// A team brings an ODCS contract written for another tool: no domain, its owner a username, two datasets, a
// nested PII property. The import page asks for domain and owner, previews what it will create, saves it;
// the product page shows every dataset and the ODCS export restates what was declared.
import { expect, test } from "@playwright/test";
import { signInAs, uniqueName, USERS } from "./helpers";

async function download(page: import("@playwright/test").Page, link: string): Promise<string> {
  const pending = page.waitForEvent("download");
  await page.getByRole("link", { name: link }).click();
  let text = "";
  for await (const chunk of await (await pending).createReadStream()) text += chunk.toString();
  return text;
}

test("an ODCS contract with no domain is previewed, placed, saved with all its datasets and exported as declared", async ({ page }) => {
  const name = uniqueName("e2e-contract");
  const id = `urn:e2e:${name}`;
  const contract = [
    "apiVersion: v3.0.2",
    "kind: DataContract",
    `id: ${id}`,
    `name: ${name}`,
    "version: 1.0.0",
    "status: active",
    "team:",
    "  - username: jdoe",
    "    role: owner",
    "schema:",
    "  - name: shipments",
    "    physicalType: table",
    "    properties:",
    "      - name: shipment_id",
    "        logicalType: string",
    "        physicalType: VARCHAR(36)",
    "        primaryKey: true",
    "      - name: recipient",
    "        logicalType: object",
    "        properties:",
    "          - name: phone",
    "            logicalType: string",
    "            classification: restricted",
    "            tags: [pii]",
    "  - name: shipment_events",
    "    physicalType: topic",
    "    properties:",
    "      - name: status",
    "        logicalType: string",
  ].join("\n");

  await signInAs(page, USERS.salesOwner);
  await page.goto("/products/import");
  await page.getByLabel("Document").fill(contract);
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByTestId("import-preview");
  await expect(preview).toContainText("Choose domain and owner");
  await expect(preview).toContainText("its team names jdoe");
  await expect(page.getByTestId("preview-datasets")).toContainText("shipments (table): 3 properties");
  await expect(page.getByTestId("preview-datasets")).toContainText("shipment_events (topic): 1 properties");
  await expect(page.getByTestId("preview-notes")).toContainText("stored and exported as v3.1.0");

  await page.getByLabel("Domain").selectOption("sales");
  await page.getByLabel("Owner").selectOption("sales-team@company.com");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(preview).toContainText(`A new draft product ${name} in sales`);
  await expect(preview).toContainText("owned by sales-team@company.com");

  await page.getByRole("button", { name: "Import" }).click();
  await expect(page).toHaveURL(new RegExp(`/products/sales/${name}\\?imported=registered`));
  await expect(page.getByTestId("import-outcome")).toContainText("2 dataset(s) with 4 properties");
  await expect(page.getByTestId("import-outcome")).toContainText(`contract ${id} kept as declared`);

  await page.goto(`/products/sales/${name}?tab=schema`);
  const datasets = page.getByTestId("datasets");
  await expect(datasets).toContainText("shipments (table)");
  await expect(datasets).toContainText("shipment_events (topic)");
  await expect(datasets).toContainText("phone");
  await expect(datasets).toContainText("VARCHAR(36)");

  const odcs = await download(page, "Export ODCS");
  expect(odcs).toContain(`id: ${id}`);
  expect(odcs).toContain("apiVersion: v3.1.0");
  expect(odcs).toContain("username: jdoe");
  expect(odcs).toContain("classification: restricted");
  expect(odcs).not.toContain("slaProperties"); // nothing the contract did not say
  const odps = await download(page, "Export ODPS");
  expect(odps).toContain(`contractId: ${id}`);
});

test("a provisioned product with two datasets previews each one: the picker switches the rows and the snippets", async ({ page }) => {
  const name = uniqueName("e2e-datasets");
  const contract = [
    "apiVersion: v3.1.0",
    "kind: DataContract",
    `id: urn:e2e:${name}`,
    `name: ${name}`,
    "version: 1.0.0",
    "status: active",
    // What the seed's global policy asks of internal data: encryption and data at most an hour old.
    "slaProperties:",
    "  - property: freshness",
    "    value: 1",
    "    unit: h",
    "customProperties:",
    "  - property: governance",
    "    value:",
    "      encryption: true",
    "schema:",
    "  - name: shipments",
    "    physicalType: table",
    "    properties:",
    "      - name: shipment_id",
    "        logicalType: string",
    "        primaryKey: true",
    "      - name: weight_kg",
    "        logicalType: number",
    "  - name: shipment_events",
    "    physicalType: table",
    "    properties:",
    "      - name: status",
    "        logicalType: string",
  ].join("\n");
  await signInAs(page, USERS.salesOwner);
  await page.goto("/products/import");
  await page.getByLabel("Document").fill(contract);
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("import-preview")).toContainText("Choose domain and owner");
  await page.getByLabel("Domain").selectOption("sales");
  await page.getByLabel("Owner").selectOption("sales-team@company.com");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("import-preview")).toContainText(`A new draft product ${name} in sales`);
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page).toHaveURL(new RegExp(`/products/sales/${name}\\?imported=registered`));

  // Provisioned, every dataset is served: the Data card offers a picker, and the rows and snippets follow it.
  const staging = page.getByTestId("deployment-staging");
  await staging.getByRole("button", { name: "Provision to staging" }).click();
  await expect(staging.getByTestId("job-progress")).toHaveAttribute("data-job-status", "succeeded", { timeout: 60_000 });
  await page.reload();
  const picker = page.getByTestId("dataset-picker");
  await expect(picker.getByRole("link")).toHaveText(["shipments", "shipment_events"]);
  await expect(picker.getByRole("link", { name: "shipments" })).toHaveAttribute("aria-current", "page");
  const data = page.getByTestId("data-preview");
  await expect(data.getByRole("columnheader", { name: "shipment_id" })).toBeVisible();
  await picker.getByRole("link", { name: "shipment_events" }).click();
  await expect(page).toHaveURL(/[?&]dataset=shipment_events/);
  await expect(picker.getByRole("link", { name: "shipment_events" })).toHaveAttribute("aria-current", "page");
  await expect(data).toContainText("No rows yet in dataset shipment_events in staging");
  await expect(data.getByRole("columnheader", { name: "status" })).toBeVisible();
  await expect(data.getByRole("columnheader", { name: "shipment_id" })).toHaveCount(0);
  await expect(page.getByTestId("snippet-curl")).toContainText("dataset=shipment_events");
  if (process.env.SCREENSHOTS) await page.getByTestId("data-preview").screenshot({ path: `${process.env.SCREENSHOTS}/dataset-picker.png` });
});
