// A domain owner creates an API token in the portal (shown once), uses it from the meshport CLI against
// this running portal — login, validate (--json), apply, diff, get products, export, a failing validate
// (exit 1) — and revokes it, after which the CLI is refused. The API reference page renders the document
// with Swagger UI, axe-clean at 1280 and 390 px, with nothing refused by the CSP.
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { toProductYaml } from "@/lib/products/yaml";
import type { DataProductSpec } from "@/lib/products/types";
import { signInAs, uniqueName, USERS } from "./helpers";

const run = promisify(execFile);

function spec(name: string, version: string, extraField = false): DataProductSpec {
  return {
    name,
    domain: "sales",
    owner: USERS.salesOwner,
    version,
    description: "Orders applied from git by the meshport CLI",
    classification: "internal",
    schema: [
      { name: "order_id", type: "string", description: "Order identifier", required: true, pii: false },
      { name: "amount", type: "number", description: "Order amount", required: false, pii: false },
      ...(extraField ? [{ name: "channel", type: "string" as const, description: "Sales channel", required: false, pii: false }] : []),
    ],
    slo: { availability: 99.5, latencyMs: 200, freshnessMinutes: 5 },
    access: [{ role: "data_consumer", permissions: ["read"] }],
    lineage: { sources: ["erp"], transformations: ["cleaning"] },
    tags: ["cli"],
    governance: { encryption: true, retention: "3_years" },
  };
}

test("an owner creates a token, applies specs with the CLI, and revoking it ends its use", async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  await signInAs(page, USERS.salesOwner);
  await page.goto("/");
  // Tokens, webhooks and the API reference sit in the menu under the user's name.
  await page.getByRole("button", { name: /Sam Sales/ }).click();
  await page.getByRole("link", { name: "API tokens" }).click();
  await expect(page.getByRole("heading", { name: "API tokens" })).toBeVisible();
  const tokenName = uniqueName("ci");
  await page.getByLabel("Name").fill(tokenName);
  await page.getByRole("checkbox", { name: /^write/ }).check();
  await page.getByRole("button", { name: "Create token" }).click();
  const secret = await page.getByLabel("Your new token (shown once)").inputValue();
  expect(secret).toMatch(/^mp_[A-Za-z0-9_-]{43}$/);
  await expect(page.getByRole("row", { name: new RegExp(tokenName) })).toContainText("read, write");

  const home = mkdtempSync(path.join(tmpdir(), "meshport-cli-"));
  const specs = path.join(home, "specs");
  const name = uniqueName("cli-orders");
  const { mkdirSync } = await import("node:fs");
  mkdirSync(specs);
  writeFileSync(path.join(specs, `${name}.yaml`), toProductYaml(spec(name, "1.0.0")));
  const env = { ...process.env, XDG_CONFIG_HOME: home, MESHPORT_URL: "", MESHPORT_TOKEN: "" };
  const cli = async (...args: string[]) => {
    try {
      const r = await run("node", ["bin/meshport.mjs", ...args], { env });
      return { code: 0, stdout: r.stdout, stderr: r.stderr };
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string };
      return { code: err.code, stdout: err.stdout, stderr: err.stderr };
    }
  };

  expect((await cli("login", "--url", baseURL!, "--token", secret)).code).toBe(0);
  const validated = await cli("validate", "-f", specs, "--json");
  expect(validated.code, validated.stderr).toBe(0);
  expect(JSON.parse(validated.stdout)).toEqual([expect.objectContaining({ action: "validated", name, status: expect.any(String) })]);

  const applied = await cli("apply", "-f", specs);
  expect(applied.code, applied.stdout + applied.stderr).toBe(0);
  expect(applied.stdout).toContain(`registered sales/${name} 1.0.0`);

  writeFileSync(path.join(specs, `${name}.yaml`), toProductYaml(spec(name, "1.1.0", true)));
  const diff = await cli("diff", "-f", specs);
  expect(diff.stdout).toContain(`sales/${name} 1.0.0 → 1.1.0: 1 change(s)`);
  expect(diff.stdout).toContain("channel");
  expect((await cli("apply", "-f", specs)).stdout).toContain(`versioned sales/${name} 1.1.0`);

  const listed = await cli("get", "products", "--domain", "sales", "-q", name);
  expect(listed.stdout).toContain(`sales/${name}`);
  expect((await cli("export", `sales/${name}`, "--format", "odcs")).stdout).toContain("kind: DataContract");

  const bad = path.join(home, "bad.yaml");
  writeFileSync(bad, "apiVersion: v1\nkind: DataProduct\nmetadata:\n  name: Not A Name\n");
  const refused = await cli("validate", "-f", bad);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toMatch(/problem/);

  // The product's page shows what the CLI applied.
  await page.goto(`/products/sales/${name}`);
  await expect(page.getByText("1.1.0").first()).toBeVisible();

  // Revoked: the CLI's next call is refused.
  await page.goto("/tokens");
  await page
    .getByRole("row", { name: new RegExp(tokenName) })
    .getByRole("button", { name: "Revoke" })
    .click();
  await expect(page.getByRole("row", { name: new RegExp(tokenName) })).toContainText("revoked");
  const after = await cli("get", "products");
  expect(after.code).toBe(2);
  expect(after.stderr).toMatch(/invalid, expired or revoked/);
});

test("the API reference renders the OpenAPI document's operations", async ({ page }) => {
  // Swagger UI runs under the portal's nonce CSP: a refused script, style or fetch would show up here.
  const refused: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text());
  });
  await signInAs(page, USERS.consumer);
  await page.goto("/developers/api");
  await expect(page.getByRole("heading", { name: "REST API v1" })).toBeVisible();
  const reference = page.getByTestId("api-reference");
  const read = reference.locator('.opblock-get:has([data-path="/api/v1/products/{domain}/{name}/data"])');
  await expect(read).toBeVisible();
  await expect(read).toContainText("Read the product's rows");
  await read.locator(".opblock-summary-control").click();
  await expect(read.locator('tr[data-param-name="limit"]')).toBeVisible();
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    const results = await new AxeBuilder({ page })
      .setLegacyMode(true)
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
      .analyze();
    const serious = results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map(
        (v) =>
          `${v.id}: ${v.nodes
            .map((n) => n.target.join(" "))
            .slice(0, 3)
            .join(", ")}`,
      );
    expect(serious, `axe at ${width} px`).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `page width at ${width} px`).toBeLessThanOrEqual(width);
  }
  expect(refused).toEqual([]);
  const doc = await page.request.get("/api/v1/openapi.json");
  expect(((await doc.json()) as { openapi: string }).openapi).toBe("3.1.0");
});
