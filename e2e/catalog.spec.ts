// The catalog's domain filter at scale: a type-ahead picker (mouse and keyboard) instead of a select
// holding every domain; the chosen domain lands in the URL and narrows the results.
import { expect, test } from "@playwright/test";
import { signInAs, USERS } from "./helpers";

test("a consumer filters the catalog by domain with the type-ahead picker, by mouse and by keyboard", async ({ page }) => {
  await signInAs(page, USERS.consumer);
  await page.goto("/catalog");
  const picker = page.getByRole("combobox", { name: "Domain" });

  await picker.fill("mark");
  await page.getByRole("option", { name: /Marketing/ }).click();
  await expect(page).toHaveURL(/[?&]domain=marketing/);
  await expect(picker).toHaveValue("marketing");
  const results = page.getByTestId("catalog-results").getByRole("listitem");
  await expect(results.first()).toBeVisible();
  for (const text of await results.allInnerTexts()) expect(text).toContain("marketing · v");

  // Clearing the filter shows every domain again.
  await page.getByRole("button", { name: "Clear the domain filter" }).click();
  await expect(page).not.toHaveURL(/domain=/);
  await expect(picker).toHaveValue("");
  await expect(results.filter({ hasNotText: "marketing · v" }).first()).toBeVisible();

  // Text typed but not picked is not a filter: other filters apply alone, and leaving the field puts it back.
  await picker.fill("mark");
  await page.getByLabel("Lifecycle").selectOption("published");
  await expect(page).toHaveURL(/[?&]lifecycle=published/);
  await expect(page).not.toHaveURL(/domain=/);
  await picker.blur();
  await expect(picker).toHaveValue("");
  await page.goto("/catalog");

  // Keyboard: type, arrow to the suggestion, Enter.
  await picker.fill("fin");
  await expect(page.getByRole("option", { name: /Finance/ })).toBeVisible();
  await picker.press("ArrowDown");
  await expect(page.getByRole("option", { name: /Finance/ })).toHaveAttribute("aria-selected", "true");
  await picker.press("Enter");
  await expect(page).toHaveURL(/[?&]domain=finance/);
  await expect(page.getByTestId("catalog-results").getByText("finance · v").first()).toBeVisible();

  // A domain that does not exist says so instead of offering nothing silently.
  await picker.fill("no-such-domain-zz");
  await expect(page.getByText("No domain matches.")).toBeVisible();
});

test("a consumer sorts the catalog by use: each result says its reads, most read first", async ({ page }) => {
  await signInAs(page, USERS.consumer);
  await page.goto("/catalog");
  await page.getByLabel("Sort by").selectOption("usage");
  await expect(page).toHaveURL(/[?&]sort=usage/);
  const reads = page.getByTestId("catalog-results").getByTestId("result-reads");
  await expect(reads.first()).toContainText(/\d[\d,]* reads? in 30 days/);
  const counts = (await reads.allInnerTexts()).map((t) => (/^Not read/.test(t) ? 0 : Number(t.replace(/[^\d]/g, ""))));
  expect(counts.length).toBeGreaterThan(1);
  expect(counts).toEqual([...counts].sort((a, b) => b - a));
});

test("a search says why each result matched: the field and the description, beyond the name", async ({ page }) => {
  await signInAs(page, USERS.consumer);
  await page.goto("/catalog?q=employee_email");
  const claims = page.getByTestId("catalog-results").getByRole("listitem").filter({ hasText: "expense-claims" });
  await expect(claims.getByTestId("match-reasons")).toHaveText("Matched field employee_email and the description");
  await expect(claims.getByRole("link", { name: "expense-claims" })).toHaveAttribute("href", "/products/finance/expense-claims");
  await expect(claims.getByText(/^Updated /)).toContainText(/[A-Z][a-z]{2} \d{1,2}, \d{4}/);
});
