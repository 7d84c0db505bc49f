// Several portal processes on one database behave as one system: this spec starts a second `next start`
// (same build, same secret, same database as the Playwright web server) and checks that sign-in
// throttling, session revocation and the job queue are shared, not per process.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { portalDatabase, postCredentials, registerThroughForm, signInAs, uniqueName, USERS } from "./helpers";

test.describe.configure({ mode: "serial" });

let second: ChildProcess | undefined;
let baseA = "";
let baseB = "";

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

test.beforeAll(async () => {
  test.setTimeout(150_000);
  baseA = test.info().project.use.baseURL!;
  const db = await portalDatabase();
  const url = db.url;
  await db.end();
  const port = await freePort();
  baseB = `http://127.0.0.1:${port}`;
  second = spawn(process.execPath, [path.join("node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port)], {
    stdio: "inherit",
    env: {
      ...process.env,
      DATABASE_URL: url,
      AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-secret-e2e-secret-e2e-secret-1234",
      AUTH_TRUST_HOST: "true",
      DEMO_MODE: "true",
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
    },
  });
  const deadline = Date.now() + 120_000;
  for (;;) {
    const ok = await fetch(`${baseB}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline || second.exitCode !== null) throw new Error("the second portal process did not start");
    await new Promise((r) => setTimeout(r, 500));
  }
});

test.afterAll(async () => {
  if (second && second.exitCode === null) {
    const exited = new Promise((r) => second!.once("close", r));
    second.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  }
});

/** One credentials sign-in through the auth API; returns the `code` the portal redirects with (or "ok"). */
async function attempt(ctx: APIRequestContext, email: string, password: string, ip: string): Promise<string> {
  const res = await postCredentials(ctx, email, password, { "x-forwarded-for": ip });
  expect(res.status()).toBe(302);
  const location = new URL(res.headers()["location"]!, baseA);
  return location.searchParams.get("code") ?? (location.searchParams.has("error") ? "error" : "ok");
}

test("a client throttled on one process is throttled on the other", async () => {
  const [a, b] = await Promise.all([playwrightRequest.newContext({ baseURL: baseA }), playwrightRequest.newContext({ baseURL: baseB })]);
  const email = `${uniqueName("nobody")}@test.local`;
  const ip = `203.0.113.${1 + Math.floor(Math.random() * 250)}`;
  // The first wait is 1 s, and B's first sign-in loads its route (over half a second on a busy machine):
  // warmed up first, from another client for another account, B answers inside that second.
  expect(await attempt(b, `${uniqueName("warm-up")}@test.local`, "warm-up", "198.51.100.78")).toBe("credentials");
  const codes: string[] = [];
  for (let i = 0; i < 12 && codes.at(-1) !== "rate_limited"; i++) codes.push(await attempt(a, email, `guess-${i}`, ip));
  expect(codes.slice(0, 4)).toEqual(Array(4).fill("credentials"));
  expect(codes.at(-1)).toBe("rate_limited");
  expect(await attempt(b, email, "guess-on-b", ip)).toBe("rate_limited");
  // The same account from another client is not affected on either process.
  expect(await attempt(b, email, "guess-elsewhere", "198.51.100.77")).toBe("credentials");
  await Promise.all([a.dispose(), b.dispose()]);
});

test("signing out on one process kills the cookie on the other", async ({ page, browser }) => {
  await signInAs(page, USERS.consumer);
  await page.goto(`${baseB}/catalog`); // cookies are per host, not per port: the same browser is signed in on B
  await expect(page.getByTestId("current-user")).toHaveText("Carla Consumer");
  const copied = await page.context().cookies();
  await page.goto(`${baseA}/`);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  const thief = await browser.newContext();
  await thief.addCookies(copied);
  const thiefPage = await thief.newPage();
  await thiefPage.goto(`${baseB}/catalog`);
  await expect(thiefPage).toHaveURL(/\/sign-in/);
  await thief.close();
});

test("a provisioning job queued through one process runs exactly once, whichever worker takes it", async ({ page }) => {
  test.setTimeout(120_000);
  const name = uniqueName("e2e-inst");
  const db = await portalDatabase();
  await signInAs(page, USERS.salesOwner);
  await registerThroughForm(page, {
    name,
    description: "Provisioned across two portal processes",
    fields: [{ name: "qty", type: "integer" }],
  });
  const staging = page.getByTestId("deployment-staging");
  await staging.getByRole("button", { name: "Provision to staging" }).click();
  await expect(staging.getByTestId("job-progress")).toHaveAttribute("data-job-status", "succeeded", { timeout: 60_000 });
  // Both processes run a worker on the same pg-boss queue: the job was claimed once and each step ran once.
  try {
    const jobs = await db.query<{ attempts: number; status: string; steps: number }>(
      `SELECT j.attempts, j.status, (SELECT count(*) FROM provisioning_steps s WHERE s.job_id = j.id AND s.status = 'succeeded')::int AS steps
       FROM provisioning_jobs j JOIN deployments d ON d.id = j.deployment_id JOIN data_products p ON p.id = d.product_id
       WHERE p.name = $1`,
      [name],
    );
    expect(jobs.rows).toEqual([{ attempts: 1, status: "succeeded", steps: 4 }]);
  } finally {
    await db.end();
  }
});
