// Every page, for every role: no serious or critical axe-core violation, and nothing wider than a
// 390 px phone screen. Pages a role may not open render the 403 page, which must pass too.
// SCREENSHOTS=dir also saves each page at 1280 px and 390 px for a person to look at (SCREENSHOT_ROLES to limit).
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signInAs, USERS } from "./helpers";

const PRODUCT = "/products/sales/customer-data-product";
const PAGES = [
  "/",
  "/catalog",
  "/catalog?q=custmer",
  "/domains",
  "/domains/sales",
  "/domains/sales/edit",
  "/domains/new",
  "/access",
  "/access/inbox",
  "/access/inbox?status=approved",
  "/governance",
  "/governance/audit",
  "/governance/compliance",
  "/governance/compliance?status=all",
  "/governance/compliance/domains/sales",
  "/governance/subject-requests",
  "/governance/policies",
  "/governance/policies/global",
  "/governance/policies/global?tab=yaml",
  "/governance/policies/global/history",
  "/governance/policies/domains/sales",
  "/governance/policies/domains/sales/history",
  "/metrics",
  "/metrics/domains/sales",
  "/metrics/rollout",
  "/metrics/cost-model",
  "/platform",
  "/platform/capabilities",
  "/platform/config",
  "/platform/processing",
  "/platform/processing/new",
  "/platform/processing/etl",
  "/platform/templates",
  "/platform/templates/new",
  "/platform/templates/batch_analytics",
  "/tokens",
  "/notifications",
  "/notifications?show=unread",
  "/notifications/preferences",
  "/webhooks",
  "/developers/api",
  "/products/new",
  "/products/import",
  PRODUCT,
  // A published product the demo provisioned: the data preview, its snippets and the service levels' actuals.
  "/products/sales/accounts",
  `${PRODUCT}/compliance`,
  `${PRODUCT}/deployments`,
  `${PRODUCT}/edit`,
  `${PRODUCT}/ingest`,
  `${PRODUCT}/lineage`,
  "/products/finance/invoices/lineage",
  `${PRODUCT}/quality`,
  `${PRODUCT}/reviews`,
  `${PRODUCT}/versions`,
  "/no-such-page",
];

// E2E_ROLES=consumer,admin runs the walk for some roles only (a quick local check); the suite runs all.
const onlyRoles = process.env.E2E_ROLES?.split(",");
const ROLES = (Object.entries(USERS) as [string, string][]).filter(([role]) => !onlyRoles || onlyRoles.includes(role));
const shotsDir = process.env.SCREENSHOTS;
// SCREENSHOT_ROLES=consumer,admin limits the screenshots to those roles (they cost more than the checks).
const shotRoles = process.env.SCREENSHOT_ROLES?.split(",");

/** A page refused with the 403 page: every refusal renders the same page inside the role's layout. */
const isRefusal = (page: Page) => page.getByRole("heading", { level: 1, name: "You do not have access to this page" }).isVisible();

async function audit(page: Page, role: string, path: string, seen?: { refusal: boolean }): Promise<string[]> {
  const problems: string[] = [];
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(path);
  // The 403 page is the same for every refused path of a role: its width is checked each time, axe runs on
  // the first one only (axe is most of this walk's cost, and CI has a time limit).
  const refused = seen ? await isRefusal(page) : false;
  const repeatRefusal = refused && seen!.refusal;
  if (refused) seen!.refusal = true;
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  if (width > 390) {
    // Name the widest elements, so a failure says what to fix.
    const offenders = await page.evaluate(() =>
      [...document.querySelectorAll("body *")]
        .map((el) => ({ el, right: el.getBoundingClientRect().right }))
        .filter((x) => x.right > 390 && x.el.getClientRects().length > 0)
        .sort((a, b) => b.right - a.right)
        .slice(0, 3)
        .map((x) => `${x.el.tagName.toLowerCase()}.${String(x.el.getAttribute("class") ?? "").slice(0, 60)} (${Math.round(x.right)} px)`),
    );
    problems.push(`${path}: ${width} px wide at 390 px — ${offenders.join("; ")}`);
  }
  const file = `${role}${path.replace(/[^a-z0-9]+/gi, "_")}`;
  const shots = shotsDir && (!shotRoles || shotRoles.includes(role)) ? shotsDir : undefined;
  if (shots) await page.screenshot({ path: `${shots}/390/${file}.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  if (shots) await page.screenshot({ path: `${shots}/1280/${file}.png`, fullPage: true });
  if (repeatRefusal) return problems;
  // resultTypes: only violations are read, so axe does not collect the nodes of every passing rule (the same
  // rules run; a shorter report). Legacy mode runs axe.run() in the page itself instead of finishing each run
  // in a new blank page: the same rules and findings (the portal has no cross-origin frames), 2.3–5× faster.
  const results = await new AxeBuilder({ page })
    .setLegacyMode(true)
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .options({ resultTypes: ["violations"] })
    .analyze();
  for (const v of results.violations) {
    if (v.impact !== "serious" && v.impact !== "critical") continue;
    problems.push(
      `${path}: [${v.impact}] ${v.id} — ${v.help}: ${v.nodes
        .map((n) => n.target.join(" "))
        .slice(0, 3)
        .join(", ")}`,
    );
  }
  return problems;
}

// One test per role: it signs in once and walks every page, reporting every problem at the end.
for (const [role, email] of ROLES) {
  test(`every page passes axe-core and fits a 390 px phone for ${role}`, async ({ page }) => {
    test.setTimeout(PAGES.length * 15_000);
    await signInAs(page, email);
    const problems: string[] = [];
    const seen = { refusal: false };
    for (const path of PAGES) problems.push(...(await audit(page, role, path, seen)));
    expect(problems).toEqual([]);
  });
}

test("the sign-in page passes axe-core and fits a 390 px phone", async ({ page }) => {
  expect(await audit(page, "anonymous", "/sign-in")).toEqual([]);
});
