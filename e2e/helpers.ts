// Shared e2e helpers. Tests sign in through the auth API (not the form), as the conventions ask.
import { expect, request as playwrightRequest, test, type APIRequestContext, type APIResponse, type Page } from "@playwright/test";
import pg from "pg";

export const DEMO_PASSWORD = "meshport-demo";
export const USERS = {
  salesOwner: "sam.sales@meshport.local",
  marketingProducer: "mia.marketing@meshport.local",
  consumer: "carla.consumer@meshport.local",
  admin: "ada.admin@meshport.local",
  governance: "greta.governance@meshport.local",
  executive: "eli.executive@meshport.local",
} as const;

/** One credentials sign-in through the auth API (its redirect not followed), with the context's cookies. */
export async function postCredentials(
  ctx: APIRequestContext,
  email: string,
  password = DEMO_PASSWORD,
  headers?: Record<string, string>,
): Promise<APIResponse> {
  const { csrfToken } = (await (await ctx.get("/api/auth/csrf")).json()) as { csrfToken: string };
  return ctx.post("/api/auth/callback/credentials", { headers, form: { email, password, csrfToken, callbackUrl: "/" }, maxRedirects: 0 });
}

export async function signInAs(page: Page, email: string): Promise<void> {
  const res = await postCredentials(page.request, email);
  expect(res.status(), "credentials callback redirects").toBe(302);
  expect(res.headers()["location"] ?? "").not.toContain("error");
}

export const uniqueName = (prefix: string) => `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

/**
 * Registers version 1.0.0 of a product through the registration form as the signed-in user and waits
 * for its page. `fields` are added after the form's starting field. Freshness is 5 minutes: fresher than
 * any sales policy the governance specs may tighten to while they run in parallel.
 */
export async function registerThroughForm(
  page: Page,
  product: { name: string; description: string; domain?: string; tags?: string; fields?: { name: string; type: string }[] },
): Promise<void> {
  await page.goto("/products/new");
  await page.getByLabel("Name", { exact: true }).fill(product.name);
  await page.getByLabel("Version").fill("1.0.0");
  await page.getByRole("textbox", { name: "Description", exact: true }).fill(product.description);
  if (product.tags) await page.getByLabel("Tags").fill(product.tags);
  for (const [i, field] of (product.fields ?? []).entries()) {
    await page.getByRole("button", { name: "Add field" }).click();
    await page.getByTestId(`field-name-${i + 1}`).fill(field.name);
    await page.getByTestId(`field-type-${i + 1}`).selectOption(field.type);
  }
  await page.getByLabel("Freshness (minutes)").fill("5");
  await page.getByRole("button", { name: "Register product" }).click();
  await expect(page).toHaveURL(new RegExp(`/products/${product.domain ?? "sales"}/${product.name}$`));
}

/**
 * The database behind this `next start` (scripts/e2e-server.ts makes a uniquely named one on the
 * server DATABASE_URL names). Found by a marker: a consumer's request with a unique x-request-id is
 * refused, and the refusal is audited with that id in exactly one database. A signed-in refusal, because
 * anonymous ones are only counted after the first of a window; in a request context of its own, so the
 * page's session (or lack of one) is untouched.
 */
export async function portalDatabase(): Promise<pg.Client & { url: string }> {
  const marker = `e2e-db-${Date.now()}-${Math.floor(Math.random() * 1e9)}`;
  const ctx = await playwrightRequest.newContext({ baseURL: test.info().project.use.baseURL });
  await postCredentials(ctx, USERS.consumer);
  const res = await ctx.get("/api/governance/audit/export", { headers: { "x-request-id": marker } });
  await ctx.dispose();
  expect(res.status()).toBe(403);
  const serverUrl = process.env.DATABASE_URL ?? "postgresql://postgres:postgres@127.0.0.1:54329/postgres";
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const names = (await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'meshport_e2e%'")).rows.map(
    (r) => r.datname,
  );
  await admin.end();
  for (const name of names) {
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const client = new pg.Client({ connectionString: url.toString() });
    try {
      await client.connect();
      const hit = await client.query("SELECT 1 FROM audit_events WHERE request_id = $1", [marker]);
      if (hit.rowCount) return Object.assign(client, { url: url.toString() });
    } catch {
      // a database being created or dropped by someone else's run
    }
    await client.end().catch(() => {});
  }
  throw new Error("could not find the portal's database");
}
