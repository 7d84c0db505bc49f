// Governance journey: a producer's edit makes a product non-compliant (confidential data granted to
// data_consumer), the producer sees the finding on the compliance page, publishing is refused with the
// reason, and once the grant is fixed the product publishes. Governance then finds the refusal in the
// audit log.
import { expect, test } from "@playwright/test";
import { registerThroughForm, signInAs, uniqueName, USERS } from "./helpers";

test("a product that breaks its policy cannot be published until it is fixed", async ({ page }) => {
  const name = uniqueName("e2e-compliance");
  await signInAs(page, USERS.salesOwner);

  // Register a compliant product (internal data, read access for data_consumer) and submit it for review.
  await registerThroughForm(page, { name, description: "Customer revenue per account, for the compliance journey" });
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByRole("button", { name: "Publish" })).toBeVisible();

  // The edit that breaks the policy: confidential data, still readable by data_consumer.
  await page.goto(`/products/sales/${name}/edit`);
  await page.getByLabel("Classification").selectOption("confidential");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(new RegExp(`/products/sales/${name}$`));
  await expect(page.getByTestId("compliance-card")).toContainText("Failing");

  // The compliance page names the rule, the spec path and the fix.
  await page.getByRole("link", { name: "View compliance →" }).click();
  await expect(page).toHaveURL(new RegExp(`/products/sales/${name}/compliance$`));
  const finding = page.locator('[data-testid="finding"][data-rule="access.level-allowed"]');
  await expect(finding).toBeVisible();
  await expect(finding).toContainText("Role data_consumer may not access confidential data");
  await expect(finding).toContainText("spec.access[0].role");
  await expect(page.getByText("Publishing is blocked until the error is fixed.")).toBeVisible();

  // Publishing is refused with the reason; the product stays in review.
  await page.goto(`/products/sales/${name}`);
  await page.getByRole("button", { name: "Publish" }).click();
  const alert = page.getByTestId("lifecycle-actions").getByRole("alert");
  await expect(alert).toHaveText("Publishing is blocked by 1 policy error. Fix it and publish again.");
  // Each finding is listed on its own and links to the field that fixes it.
  const findings = page.getByTestId("publish-findings").getByRole("listitem");
  await expect(findings).toHaveCount(1);
  await expect(findings).toContainText("Role data_consumer may not access confidential data");
  await expect(findings.getByRole("link", { name: "Fix spec.access[0].role" })).toHaveAttribute(
    "href",
    `/products/sales/${name}/edit#access-0-role`,
  );
  await page.reload();
  await expect(page.getByRole("button", { name: "Publish" })).toBeVisible();
  await expect(page.getByTestId("lifecycle-actions").getByRole("button", { name: "Deprecate" })).toHaveCount(0);

  // Fix: grant the role that may read confidential data instead.
  await page.goto(`/products/sales/${name}/edit`);
  await page.getByLabel("Role 1", { exact: true }).fill("data_producer");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(new RegExp(`/products/sales/${name}$`));
  await expect(page.getByTestId("compliance-card")).toContainText("Passing");

  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByTestId("lifecycle-actions").getByRole("button", { name: "Deprecate" })).toBeVisible();
  await page.goto(`/products/sales/${name}/compliance`);
  await expect(page.getByText("Nothing blocks publishing.")).toBeVisible();
  await expect(page.locator('[data-testid="finding"][data-severity="error"]')).toHaveCount(0);
});

test("governance sees compliance per domain, drills into a failing product, and audits a refused export", async ({ page, browser }) => {
  // A consumer tries the audit export: refused, and the refusal is audited.
  const consumer = await browser.newContext();
  const consumerPage = await consumer.newPage();
  await signInAs(consumerPage, USERS.consumer);
  expect((await consumerPage.goto("/governance/audit"))?.status()).toBe(403);
  expect((await consumerPage.request.get("/api/governance/audit/export")).status()).toBe(403);
  await consumer.close();

  await signInAs(page, USERS.governance);
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Governance" }).click();
  await expect(page).toHaveURL(/\/governance$/);
  await expect(page.getByTestId("domain-compliance").locator('tr[data-domain="finance"]')).toBeVisible();

  // The seed's failing products are listed, each with a way to its findings.
  await page.getByRole("navigation", { name: "Filter products needing attention" }).getByRole("link", { name: "Failing" }).click();
  await expect(page).toHaveURL(/status=failing/);
  const failing = page.getByTestId("attention-products").getByRole("link").first();
  const product = (await failing.textContent()) ?? "";
  await failing.click();
  await expect(page).toHaveURL(new RegExp(`/${product}/compliance$`));
  await expect(page.locator('[data-testid="finding"][data-severity="error"]').first()).toBeVisible();
  await expect(page.getByText("Publishing is blocked until")).toBeVisible();

  // The audit log finds the consumer's refused export by subject, action and decision.
  await page.goto("/governance");
  await page.getByRole("navigation", { name: "Governance sections" }).getByRole("link", { name: "Audit log" }).click();
  await page.getByLabel("Subject").fill("carla.consumer");
  await page.getByLabel("Action").fill("export_audit");
  await page.getByLabel("Decision").selectOption("deny");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/decision=deny/);
  const rows = page.getByTestId("audit-rows").locator("tr");
  await expect(rows.first()).toContainText(USERS.consumer);
  expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-decision")))).not.toContain("allow");

  // The CSV export holds exactly the filtered rows.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  let csv = "";
  for await (const chunk of await (await download).createReadStream()) csv += chunk.toString();
  const lines = csv.split("\r\n").filter(Boolean);
  expect(lines[0]).toBe("id,at,subject,action,resource,decision,reason,policy_id,policy_version,request_id");
  expect(lines.length).toBe((await rows.count()) + 1);
  for (const line of lines.slice(1)) expect(line).toContain(`,${USERS.consumer},export_audit,audit_events,deny,`);
});
