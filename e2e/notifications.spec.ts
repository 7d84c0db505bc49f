// Notifications in the browser: a consumer requests access to a confidential product; its owner sees the
// unread badge in the navigation (and on the phone's Menu button), finds the notification in the
// notification centre, follows it to the inbox and marks it read.
import { expect, test } from "@playwright/test";
import { toProductYaml } from "@/lib/products/yaml";
import type { DataProductSpec } from "@/lib/products/types";
import { signInAs, uniqueName, USERS } from "./helpers";

function confidential(name: string): DataProductSpec {
  return {
    name,
    domain: "sales",
    owner: USERS.salesOwner,
    version: "1.0.0",
    description: "Confidential deal margins, registered by the notifications e2e journey",
    classification: "confidential",
    schema: [
      { name: "deal_id", type: "string", description: "Deal identifier", required: true, pii: false },
      { name: "margin", type: "number", description: "Deal margin", required: false, pii: false },
    ],
    slo: { availability: 99.5, latencyMs: 200, freshnessMinutes: 5 },
    access: [{ role: "data_consumer", permissions: ["read"] }],
    lineage: { sources: ["erp"], transformations: ["cleaning"] },
    tags: ["e2e"],
    governance: { encryption: true, retention: "3_years" },
  };
}

test("a consumer requests access; the owner sees the badge and the notification, and marks it read", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const name = uniqueName("e2e-margins");
  const sam = await (await browser.newContext()).newPage();
  await signInAs(sam, USERS.salesOwner);
  // The owner publishes a confidential product through the REST API (over the session, from the portal's origin).
  const headers = { origin: baseURL!, "content-type": "application/yaml" };
  const applied = await sam.request.post("/api/v1/products?domain=sales", { headers, data: toProductYaml(confidential(name)) });
  expect(applied.status(), await applied.text()).toBe(201);
  for (const to of ["in_review", "published"]) {
    const moved = await sam.request.post(`/api/v1/products/sales/${name}/lifecycle`, {
      headers: { origin: baseURL!, "content-type": "application/json" },
      data: { to },
    });
    expect(moved.status(), await moved.text()).toBe(200);
  }
  // Start from nothing unread, whatever earlier journeys left.
  await sam.goto("/notifications");
  const markAll = sam.getByRole("button", { name: "Mark all read" });
  if (await markAll.isVisible()) {
    await markAll.click();
    await expect(sam.getByText("Nothing unread.")).toBeVisible();
  }
  await expect(sam.getByTestId("unread-badge")).toHaveCount(0);
  // The unread tab, empty: its empty state and no pagination ("0–0 of 0" with dead buttons before).
  await sam.getByRole("link", { name: "Unread", exact: true }).click();
  await expect(sam.getByText("No unread notifications.")).toBeVisible();
  await expect(sam.getByRole("navigation", { name: "Pagination" })).toHaveCount(0);

  const carla = await (await browser.newContext()).newPage();
  await signInAs(carla, USERS.consumer);
  await carla.goto(`/products/sales/${name}`);
  const card = carla.getByTestId("access-card");
  await card.getByLabel("What do you need the data for?").fill("Margin review for the pricing committee");
  await card.getByRole("button", { name: "Request access" }).click();
  await expect(card.getByTestId("access-status")).toContainText("pending");

  // The owner: a badge in the navigation, the notification in the centre, leading to the inbox.
  await sam.goto("/");
  // Other journeys running beside this one may tell the sales owner things too: at least this one is unread.
  await expect(sam.getByTestId("unread-badge")).toHaveText(/^[1-9]\d*$/);
  const unread = Number(await sam.getByTestId("unread-badge").textContent());
  await sam.getByRole("link", { name: `Notifications, ${unread} unread` }).click();
  await expect(sam).toHaveURL(/\/notifications$/);
  const item = sam.getByTestId("notification").filter({ hasText: `${USERS.consumer} requests access to sales/${name}` });
  await expect(item).toBeVisible();
  await expect(item.getByText("new", { exact: true })).toBeVisible();
  await expect(item.getByRole("link")).toHaveAttribute("href", "/access/inbox");

  // On a phone the Menu button carries the count too.
  await sam.setViewportSize({ width: 390, height: 844 });
  await expect(sam.getByRole("button", { name: `Menu ${unread} unread notifications` })).toBeVisible();
  await sam.setViewportSize({ width: 1280, height: 900 });

  await item.getByRole("button", { name: /Mark read/ }).click();
  await expect(item.getByText("new", { exact: true })).toHaveCount(0);
  if (unread === 1) await expect(sam.getByTestId("unread-badge")).toHaveCount(0);
  else await expect(sam.getByTestId("unread-badge")).toHaveText(String(unread - 1));

  // The request is there to decide.
  await sam.goto("/access/inbox");
  await expect(sam.getByTestId("inbox-request").filter({ hasText: `sales/${name}` })).toBeVisible();
});
