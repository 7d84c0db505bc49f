// A data subject request in the browser: a governance user finds one person's records across every provisioned
// product by a subject key, and erases them; without a reason and the typed confirmation nothing is erased.
import { expect, test } from "@playwright/test";
import { signInAs, USERS } from "./helpers";

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
  // Wait for the refusal before typing: React resets the form when that first answer arrives, so typing while it
  // is on its way would be wiped (CI's loaded machine once did exactly that).
  await expect(erase.getByText("Say why these records are erased (at least 10 characters).")).toBeVisible();
  await expect(erase.getByText("Type erase to confirm.")).toBeVisible();
  await expect(page.getByTestId("erasure-report")).toHaveCount(0);
  await erase.getByLabel("Reason").fill("The employee asked for erasure (ticket 4711)");
  await erase.getByLabel('Type "erase" to confirm').fill("erase");
  await erase.getByRole("button", { name: "Erase this person's records" }).click();
  await expect(page.getByTestId("erasure-report")).toContainText("1 row(s) deleted");
});
