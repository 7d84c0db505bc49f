// Compliance monitor journey: privileges on a provisioned demo product (sales/quotes, whose rows no other journey reads) drift from what the policy gives — a
// privilege the product's reader role should hold is taken away, one the policy never gives is added to
// PUBLIC. The access-control rule (every minute, in the portal's own job worker) finds both: it revokes the
// forbidden one at once and keeps the missing one open. A governance user sees the open violation on the
// compliance page (mesh and domain) and the revoked privilege in its history.
import { expect, test } from "@playwright/test";
import { portalDatabase, signInAs, USERS } from "./helpers";

test("a governance user sees the access-control monitor's violations on the compliance page", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const dbc = await portalDatabase();
  let restore: string | null = null;
  try {
    const { rows } = await dbc.query<{ product: string; domain: string; schema: string; table_name: string; view: string; role: string }>(
      `SELECT p.name AS product, d.slug AS domain, dep.schema_name AS schema, dep.table_name, dep.resources->>'view' AS view,
              r->>'roleName' AS role
       FROM deployments dep JOIN data_products p ON p.id = dep.product_id JOIN domains d ON d.id = p.domain_id
       CROSS JOIN LATERAL jsonb_array_elements(dep.resources->'roles') r
       WHERE dep.status = 'active' AND dep.table_name IS NOT NULL AND dep.resources->>'view' IS NOT NULL
         AND (r->'privileges') ? 'SELECT' AND r->>'accessRole' = 'data_consumer' AND d.slug = 'sales' AND p.name = 'quotes'
       ORDER BY p.name LIMIT 1`,
    );
    expect(rows.length, "the demo seed provisions products").toBe(1);
    const t = rows[0];
    const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
    await dbc.query(`REVOKE SELECT ON TABLE ${q(t.schema)}.${q(t.view)} FROM ${q(t.role)}`);
    restore = `GRANT SELECT ON TABLE ${q(t.schema)}.${q(t.view)} TO ${q(t.role)}`;
    await dbc.query(`GRANT TRUNCATE ON TABLE ${q(t.schema)}.${q(t.table_name)} TO PUBLIC`);

    await signInAs(page, USERS.governance);
    await page.goto("/governance");
    await page.getByRole("navigation", { name: "Governance sections" }).getByRole("link", { name: "Compliance monitor" }).click();
    await expect(page).toHaveURL(/\/governance\/compliance$/);
    const open = page.getByTestId("violations").locator("tr", { hasText: `${t.schema}.${t.view}` });
    await expect(async () => {
      await page.reload();
      await expect(open).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 180_000, intervals: [5_000] });
    await expect(open).toContainText("Access control");
    await expect(open).toContainText("provision the product again");
    await expect(open).toContainText("open");

    // The forbidden privilege was revoked by the same run: it is in the history, resolved as "revoked".
    await page.getByRole("navigation", { name: "Filter violations" }).getByRole("link", { name: "History" }).click();
    const revoked = page.getByTestId("violations").locator("tr", { hasText: `PUBLIC held TRUNCATE on ${t.schema}.${t.table_name}` });
    await expect(revoked).toBeVisible();
    await expect(revoked).toContainText("revoked");
    const still = await dbc.query<{ ok: boolean }>(`SELECT has_table_privilege('public', $1, 'TRUNCATE') AS ok`, [
      `${q(t.schema)}.${q(t.table_name)}`,
    ]);
    expect(still.rows[0].ok).toBe(false);

    // The domain's own compliance page shows the open one too.
    await page.goto("/governance/compliance");
    await page
      .getByRole("link", { name: new RegExp(`^${t.domain}$`, "i") })
      .first()
      .click();
    await expect(page).toHaveURL(new RegExp(`/governance/compliance/domains/${t.domain}$`));
    await expect(page.getByTestId("violations")).toContainText(`${t.schema}.${t.view}`);

    // A consumer who reads through that role is told what is wrong and how it is repaired, not shown a 500.
    const carla = await (await browser.newContext()).newPage();
    await signInAs(carla, USERS.consumer);
    await carla.goto(`/products/${t.domain}/${t.product}`);
    await expect(carla.getByTestId("preview-unavailable")).toContainText("its privileges no longer match its policy");
  } finally {
    // Put the privilege back, for the specs that read this product (also when a step above failed).
    if (restore) await dbc.query(restore).catch(() => {});
    await dbc.end();
  }
});
