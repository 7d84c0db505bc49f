// Lineage: the graph around a product renders across domains and its nodes lead to their products; an owner
// names an upstream product by picking it in the form, and deprecating that upstream product lists the new
// downstream product in the confirmation before anything is confirmed.
import { expect, test } from "@playwright/test";
import { registerThroughForm, signInAs, uniqueName, USERS } from "./helpers";

test("the lineage graph shows upstream and downstream products and navigates to an upstream node", async ({ page }) => {
  await signInAs(page, USERS.consumer);
  // The demo seed: finance/invoices reads from sales/orders; finance/payments reads from finance/invoices.
  await page.goto("/products/finance/invoices?tab=lineage");
  await page.getByRole("link", { name: "Open the lineage graph" }).click();
  await expect(page).toHaveURL(/\/products\/finance\/invoices\/lineage$/);
  await expect(page.getByRole("heading", { name: "Lineage of invoices" })).toBeVisible();

  const graph = page.getByTestId("lineage-graph");
  await expect(graph.getByTestId("lineage-node-finance/invoices")).toBeVisible();
  await expect(graph.getByTestId("lineage-node-finance/payments")).toBeVisible();
  const upstream = graph.getByTestId("lineage-node-sales/orders");
  await expect(upstream).toBeVisible();
  // Column-level lineage declared on the source: orders.order_total feeds invoices.amount.
  await expect(graph.getByTestId("lineage-node-finance/invoices")).toContainText("amount");

  // Filters travel in the URL: upstream only leaves the downstream product out.
  await page.getByLabel("Direction").selectOption("upstream");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/direction=upstream/);
  await expect(graph.getByTestId("lineage-node-finance/payments")).toHaveCount(0);

  await upstream.getByRole("link", { name: "sales/orders" }).click();
  await expect(page).toHaveURL(/\/products\/sales\/orders$/);
});

test("deprecating a product lists the downstream product picked as its source before it is confirmed", async ({ page }) => {
  const upstream = uniqueName("e2e-upstream");
  const downstream = uniqueName("e2e-downstream");
  await signInAs(page, USERS.salesOwner);
  await registerThroughForm(page, { name: upstream, description: "Upstream product for the lineage journey" });
  await page.getByRole("button", { name: "Submit for review" }).click();
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("button", { name: "Deprecate…" })).toBeVisible();

  // The downstream product names its source by picking it, not by typing it.
  await page.goto("/products/new");
  await page.getByLabel("Name", { exact: true }).fill(downstream);
  await page.getByLabel("Version").fill("1.0.0");
  await page.getByRole("textbox", { name: "Description", exact: true }).fill("Reads from the upstream product");
  await page.getByLabel("Freshness (minutes)").fill("5");
  await page.getByLabel("Add an upstream product").selectOption(`sales/${upstream}`);
  await page.getByRole("button", { name: "Add source" }).click();
  await expect(page.getByRole("textbox", { name: "Sources" })).toHaveValue(new RegExp(`sales/${upstream}$`));
  await page.getByRole("button", { name: "Register product" }).click();
  await expect(page).toHaveURL(new RegExp(`/products/sales/${downstream}$`));

  await page.goto(`/products/sales/${upstream}`);
  await page.getByRole("button", { name: "Deprecate…" }).click();
  const dialog = page.getByRole("dialog", { name: `Deprecate sales/${upstream}?` });
  const impact = dialog.getByTestId("impact-list");
  await expect(impact).toContainText("1 downstream product");
  await expect(impact.getByRole("link", { name: `sales/${downstream}` })).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
});

test("an owner deprecates a product and the owner of a downstream product in another domain is told", async ({ browser }) => {
  const upstream = uniqueName("e2e-feed");
  const downstream = uniqueName("e2e-reader");
  const sunset = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
  const sam = await browser.newPage();
  await signInAs(sam, USERS.salesOwner);
  await registerThroughForm(sam, { name: upstream, description: "Feed another domain reads from" });
  await sam.getByRole("button", { name: "Submit for review" }).click();
  await sam.getByRole("button", { name: "Publish" }).click();
  await expect(sam.getByRole("button", { name: "Deprecate…" })).toBeVisible();

  // Fred owns the finance domain and builds a finance product on the sales feed.
  const fred = await browser.newPage();
  await signInAs(fred, "fred.finance@meshport.local");
  await fred.goto("/products/new");
  await fred.getByLabel("Domain", { exact: true }).selectOption("finance");
  await fred.getByLabel("Name", { exact: true }).fill(downstream);
  await fred.getByLabel("Version").fill("1.0.0");
  await fred.getByRole("textbox", { name: "Description", exact: true }).fill("Finance view of the sales feed");
  await fred.getByLabel("Freshness (minutes)").fill("5");
  await fred.getByLabel("Add an upstream product").selectOption(`sales/${upstream}`);
  await fred.getByRole("button", { name: "Add source" }).click();
  await fred.getByRole("button", { name: "Register product" }).click();
  await expect(fred).toHaveURL(new RegExp(`/products/finance/${downstream}$`));

  // Sam deprecates the feed; the dialog names the finance product first.
  await sam.goto(`/products/sales/${upstream}`);
  await sam.getByRole("button", { name: "Deprecate…" }).click();
  const dialog = sam.getByRole("dialog", { name: `Deprecate sales/${upstream}?` });
  await expect(dialog.getByTestId("impact-list").getByRole("link", { name: `finance/${downstream}` })).toBeVisible();
  await dialog.getByLabel("Reason for deprecating").fill("Replaced by the orders feed");
  await dialog.getByLabel("Sunset date").fill(sunset);
  await dialog.getByRole("button", { name: "Deprecate", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(sam.getByTestId("sunset")).toHaveText(`Sunset on ${sunset}`);

  // Fred sees it in his notification centre.
  await fred.goto("/notifications");
  await expect(fred.locator("a", { hasText: `sales/${upstream} was deprecated; it stops being served on ${sunset}` })).toBeVisible();
});
