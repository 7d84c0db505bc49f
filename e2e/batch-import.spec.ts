// A team moves its contract repository in: it chooses many files at once on the import page. They go through the
// batch route (the one `meshport apply` uses) with a progress bar; the result says, file by file, which product each
// became and how it validated, a page at a time. A broken file refuses its batch, named by file.
import { expect, test } from "@playwright/test";
import { signInAs, uniqueName, USERS } from "./helpers";

function contract(name: string, yaml: boolean): string {
  const doc = {
    apiVersion: "v3.1.0",
    kind: "DataContract",
    id: `urn:e2e:${name}`,
    name,
    version: "1.0.0",
    status: "active",
    description: { purpose: `Orders of ${name}`, usage: "Batch import test" },
    schema: [
      {
        name: "orders",
        physicalType: "table",
        properties: [
          { name: "order_id", logicalType: "string", physicalType: "VARCHAR(36)", primaryKey: true, required: true },
          { name: "amount", logicalType: "number", physicalType: "DECIMAL(10,2)" },
          { name: "placed_at", logicalType: "timestamp" },
          { name: "customer", logicalType: "object", properties: [{ name: "country", logicalType: "string" }] },
        ],
      },
      { name: "order_lines", physicalType: "table", properties: [{ name: "sku", logicalType: "string" }] },
    ],
  };
  if (!yaml) return JSON.stringify(doc, null, 2);
  // A hand-written YAML file, as teams keep them.
  return [
    "apiVersion: v3.1.0",
    "kind: DataContract",
    `id: urn:e2e:${name}`,
    `name: ${name}`,
    "version: 1.0.0",
    "status: active",
    "schema:",
    "  - name: orders",
    "    physicalType: table",
    "    properties:",
    "      - name: order_id",
    "        logicalType: string",
    "        primaryKey: true",
    "      - name: amount",
    "        logicalType: number",
    "        physicalType: DECIMAL(10,2)",
  ].join("\n");
}

const file = (name: string, text: string) => ({
  name,
  mimeType: name.endsWith(".json") ? "application/json" : "text/yaml",
  buffer: Buffer.from(text),
});

test("thirty contract files chosen at once are registered in one batch, each validated, listed a page at a time", async ({ page }) => {
  const prefix = uniqueName("e2e-batch");
  const names = Array.from({ length: 30 }, (_, i) => `${prefix}-${String(i).padStart(2, "0")}`);
  const files = names.map((n, i) => file(`${n}.${i % 2 === 0 ? "yaml" : "json"}`, contract(n, i % 2 === 0)));

  await signInAs(page, USERS.salesOwner);
  await page.goto("/products/import");
  await page.getByLabel("Upload files").setInputFiles(files);
  const batch = page.getByTestId("batch-import");
  await expect(batch).toContainText("30 files");
  // The single-document parts step aside: no text area, no preview.
  await expect(page.getByLabel("Document")).toHaveCount(0);
  await page.getByLabel("Domain").selectOption("sales");
  await page.getByLabel("Owner").selectOption("sales-team@company.com");
  await batch.getByRole("button", { name: "Import 30 files" }).click();

  // These contracts state no service levels, which the sales policy requires: each one fails its first validation.
  await expect(page.getByTestId("batch-status")).toHaveText("30 of 30 files sent: 30 new products, 0 new versions, 30 failing validation.");
  await expect(page.getByTestId("batch-progress")).toHaveAttribute("value", "30");
  const results = page.getByTestId("batch-results");
  await expect(results.getByRole("row")).toHaveCount(25);
  await expect(results.getByRole("row").first()).toContainText(`${names[0]}.yaml`);
  await expect(results.getByRole("row").first()).toContainText("Registered (draft)");
  await expect(results.getByRole("row").first()).toContainText(/Failing \d+ errors?/);
  await batch.getByRole("button", { name: "Next" }).click();
  await expect(results.getByRole("row")).toHaveCount(5);
  await expect(batch).toContainText("26–30 of 30");

  // Each file became the product its row links to, with both datasets, and the product page says what the row said.
  const row = results.getByRole("row").filter({ hasText: names[29] });
  const errors = (/(\d+) errors?/.exec(await row.innerText()) ?? [])[1];
  await row.getByRole("link", { name: `sales/${names[29]}` }).click();
  await expect(page).toHaveURL(new RegExp(`/products/sales/${names[29]}`));
  await expect(page.getByTestId("compliance-card")).toContainText(`${errors} error`);
  await page.goto(`/products/sales/${names[29]}?tab=schema`);
  await expect(page.getByTestId("datasets")).toContainText("order_lines (table)");
});

test("a broken file refuses its batch, named by file, and nothing of the batch is registered", async ({ page }) => {
  const prefix = uniqueName("e2e-batch-bad");
  const good = [`${prefix}-a`, `${prefix}-b`];
  await signInAs(page, USERS.salesOwner);
  await page.goto("/products/import");
  await page
    .getByLabel("Upload files")
    .setInputFiles([
      file(`${good[0]}.json`, contract(good[0], false)),
      file("broken.yaml", "apiVersion: v3.1.0\nkind: DataContract\nid: broken\nversion: 1.0.0\n"),
      file(`${good[1]}.yaml`, contract(good[1], true)),
    ]);
  await page.getByLabel("Domain").selectOption("sales");
  await page.getByLabel("Owner").selectOption("sales-team@company.com");
  await page.getByRole("button", { name: "Import 3 files" }).click();
  const alert = page.getByTestId("batch-import").getByRole("alert");
  await expect(alert).toContainText("Files 1–3 were not imported.");
  await expect(page.getByTestId("batch-problems")).toContainText("broken.yaml");
  await expect(page.getByTestId("batch-status")).toHaveText("0 of 3 files sent.");
  for (const name of good) expect((await page.request.get(`/api/v1/products/sales/${name}`)).status()).toBe(404);
});

test("a file older than its stored product is listed as not saved, beside the version that was", async ({ page }) => {
  const prefix = uniqueName("e2e-batch-old");
  const [newer, other] = [`${prefix}-a`, `${prefix}-b`];
  const withVersion = (name: string, version: string) => contract(name, false).replace('"version": "1.0.0"', `"version": "${version}"`);
  await signInAs(page, USERS.salesOwner);
  await page.goto("/products/import");
  const choose = async (files: { name: string; mimeType: string; buffer: Buffer }[]) => {
    await page.getByLabel("Upload files").setInputFiles(files);
    await page.getByLabel("Domain").selectOption("sales");
    await page.getByLabel("Owner").selectOption("sales-team@company.com");
    await page.getByRole("button", { name: `Import ${files.length} files` }).click();
  };
  await choose([file(`${newer}.json`, withVersion(newer, "2.0.0")), file(`${other}.json`, withVersion(other, "1.0.0"))]);
  await expect(page.getByTestId("batch-status")).toContainText("2 of 2 files sent: 2 new products");

  await page.reload();
  await choose([file(`${newer}-old.json`, withVersion(newer, "1.0.0")), file(`${other}-next.json`, withVersion(other, "1.1.0"))]);
  await expect(page.getByTestId("batch-status")).toContainText("0 new products, 1 new version,");
  await expect(page.getByTestId("batch-status")).toContainText("1 version not saved.");
  const results = page.getByTestId("batch-results");
  const refused = results.getByRole("row").filter({ hasText: `${newer}-old.json` });
  await expect(refused).toContainText("Not saved: Version must be greater than 2.0.0");
  await expect(refused.getByRole("cell").last()).toContainText("—");
  await expect(refused).not.toContainText("[object");
  await expect(results.getByRole("row").filter({ hasText: `${other}-next.json` })).toContainText("New version");
  await page.screenshot({ path: "/tmp/batch-refused.png", fullPage: true });
  expect((await (await page.request.get(`/api/v1/products/sales/${newer}`)).json()).version).toBe("2.0.0");
});
