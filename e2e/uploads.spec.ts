// Large and broken uploads through the real server (next start, proxy.ts, Node's HTTP stack): a 50 MB
// CSV, far over Next's 10 MB proxy body limit, streams in full and every row lands; a body cut short
// of its Content-Length loads nothing and the load says why; an announced size over INGEST_MAX_BYTES is
// refused with 413 before a byte is read. And the product importer's 1 MB limit answers with its own
// message, in the browser and on the server, instead of a bare framework error.
import http from "node:http";
import net from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { registerThroughForm, signInAs, uniqueName, USERS } from "./helpers";

test.describe.configure({ mode: "serial" });

const ROW_COUNT = 850_000;
const FILLER = "x".repeat(40);
// Fixed width, so the Content-Length is known before a row is generated: 60 bytes a row.
const row = (i: number) => `row-${String(i).padStart(9, "0")}-${FILLER},${String(i % 1_000_000).padStart(6, "0")}\n`;
const HEADER = "id,qty\n";
const ROW_BYTES = Buffer.byteLength(row(0));

let name = "";
let cookie = "";
let origin = "";

async function provisionedProduct(page: Page): Promise<string> {
  const product = uniqueName("e2e-upl");
  await registerThroughForm(page, {
    name: product,
    description: "Large uploads by the e2e suite",
    fields: [{ name: "qty", type: "integer" }],
  });
  const staging = page.getByTestId("deployment-staging");
  await staging.getByRole("button", { name: "Provision to staging" }).click();
  await expect(staging.getByTestId("job-progress")).toHaveAttribute("data-job-status", "succeeded", { timeout: 60_000 });
  return product;
}

/** Rows in the product's staging table, counted exactly by the read API (count(*), not the planner). */
async function tableRows(page: Page): Promise<number> {
  const res = await page.request.get(`/api/data/sales/${name}?env=staging&limit=1`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { total: number }).total;
}

/** POSTs a generated CSV of `rows` rows as a stream (never whole in memory), with its exact Content-Length. */
function streamCsv(rows: number): Promise<{ status: number; body: string; requestId?: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(`/api/ingest/sales/${name}?env=staging`, origin);
    const req = http.request(
      url,
      { method: "POST", headers: { "Content-Type": "text/csv", "Content-Length": HEADER.length + rows * ROW_BYTES, Cookie: cookie } },
      (res) => {
        let body = "";
        res
          .setEncoding("utf8")
          .on("data", (c: string) => (body += c))
          .on("end", () => resolve({ status: res.statusCode ?? 0, body, requestId: res.headers["x-request-id"] as string | undefined }));
      },
    );
    req.on("error", reject);
    req.write(HEADER);
    let i = 0;
    const pump = () => {
      while (i < rows) {
        let chunk = "";
        for (let k = 0; k < 2000 && i < rows; k++) chunk += row(i++);
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      req.end();
    };
    pump();
  });
}

/** A raw HTTP request whose head and body are written by hand; resolves with what came back (maybe nothing). */
function rawRequest(head: string, body: string, endAfterBody: boolean): Promise<string> {
  return new Promise((resolve) => {
    const url = new URL(origin);
    const socket = net.connect(Number(url.port), url.hostname);
    let answer = "";
    socket.setEncoding("utf8");
    socket.on("data", (c: string) => {
      answer += c;
      if (!endAfterBody && answer.includes("\r\n\r\n") && /"error"/.test(answer)) socket.destroy();
    });
    socket.on("close", () => resolve(answer));
    socket.on("error", () => resolve(answer));
    socket.write(head + body, () => {
      if (endAfterBody) socket.end(); // the client gives up: fewer bytes than announced, then FIN
    });
    setTimeout(() => socket.destroy(), 20_000);
  });
}

test.beforeAll(async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  origin = baseURL!;
  const page = await browser.newPage();
  await signInAs(page, USERS.salesOwner);
  name = await provisionedProduct(page);
  cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  await page.close();
});

test("a 50 MB CSV streams in full through the server and every row is in the table", async ({ page }) => {
  test.setTimeout(300_000);
  await signInAs(page, USERS.salesOwner);
  const size = HEADER.length + ROW_COUNT * ROW_BYTES;
  expect(size).toBeGreaterThan(50 * 1024 * 1024);
  const res = await streamCsv(ROW_COUNT);
  expect(res.status, res.body).toBe(200);
  expect(JSON.parse(res.body)).toMatchObject({ status: "succeeded", rowsTotal: ROW_COUNT, rowsLoaded: ROW_COUNT, bytes: size });
  expect(res.requestId).toMatch(/^[A-Za-z0-9._:-]{8,}$/);
  expect(await tableRows(page)).toBe(ROW_COUNT);
});

test("a body cut short of its Content-Length loads nothing and the load says why", async ({ page }) => {
  await signInAs(page, USERS.salesOwner);
  const before = await tableRows(page);
  // New keys, and a last line cut mid-value: "cut-…,1" where "cut-…,123456" was meant.
  const sent = `${HEADER}${Array.from({ length: 5000 }, (_, i) => `cut-${i},${i}\n`).join("")}cut-last,1`;
  const announced = Buffer.byteLength(sent) + 100_000;
  const head = `POST /api/ingest/sales/${name}?env=staging HTTP/1.1\r\nHost: ${new URL(origin).host}\r\nCookie: ${cookie}\r\nContent-Type: text/csv\r\nContent-Length: ${announced}\r\n\r\n`;
  await rawRequest(head, sent, true);

  await expect(async () => {
    await page.goto(`/products/sales/${name}/ingest?env=staging`);
    const latest = page.getByRole("row").nth(1);
    await expect(latest).toContainText("failed", { timeout: 1_000 });
    await expect(latest).toContainText(`The upload was cut off after ${Buffer.byteLength(sent)} bytes of the ${announced} announced`, {
      timeout: 1_000,
    });
  }).toPass({ timeout: 30_000 });
  expect(await tableRows(page)).toBe(before);
});

test("a chunked upload that breaks off before its last chunk loads nothing and the load says why", async ({ page }) => {
  await signInAs(page, USERS.salesOwner);
  const before = await tableRows(page);
  const part = `${HEADER}${Array.from({ length: 3000 }, (_, i) => `chunked-${i},${i}\n`).join("")}chunked-last,4`;
  const head = `POST /api/ingest/sales/${name}?env=staging HTTP/1.1\r\nHost: ${new URL(origin).host}\r\nCookie: ${cookie}\r\nContent-Type: text/csv\r\nTransfer-Encoding: chunked\r\n\r\n`;
  // One chunk, then the connection ends without the terminating zero-length chunk.
  await rawRequest(head, `${Buffer.byteLength(part).toString(16)}\r\n${part}\r\n`, true);

  await expect(async () => {
    await page.goto(`/products/sales/${name}/ingest?env=staging`);
    const latest = page.getByRole("row").nth(1);
    await expect(latest).toContainText("failed", { timeout: 1_000 });
    await expect(latest).toContainText(`The upload was cut off after ${Buffer.byteLength(part)} bytes (the client disconnected`, {
      timeout: 1_000,
    });
  }).toPass({ timeout: 30_000 });
  expect(await tableRows(page)).toBe(before);
});

test("an announced size over the limit is refused with 413 before the body is read", async ({ page }) => {
  await signInAs(page, USERS.salesOwner);
  const before = await tableRows(page);
  const head = `POST /api/ingest/sales/${name}?env=staging HTTP/1.1\r\nHost: ${new URL(origin).host}\r\nCookie: ${cookie}\r\nContent-Type: text/csv\r\nContent-Length: ${2 * 1024 ** 3}\r\n\r\n`;
  const answer = await rawRequest(head, `${HEADER}big-1,1\n`, false);
  expect(answer).toMatch(/^HTTP\/1\.1 413/);
  expect(answer).toContain("Uploads are limited to 1 GiB (INGEST_MAX_BYTES); this one is larger. Nothing was loaded.");
  expect(await tableRows(page)).toBe(before);
});

test("a product document over 1 MB gets the importer's message, in the form and from the server", async ({ page }) => {
  await signInAs(page, USERS.salesOwner);
  await page.goto("/products/import");
  const big = `# ${"padding ".repeat(160_000)}\napiVersion: v1\n`; // ≈ 1.3 MB
  await page.getByLabel("Upload files").setInputFiles({ name: "huge.yaml", mimeType: "text/yaml", buffer: Buffer.from(big) });
  const alert = page.locator("main form").getByRole("alert");
  await expect(alert).toContainText("The document is larger than 1 MB.");
  await expect(alert).toContainText("Documents may be at most 1 MB.");

  // A client that skips the form's check (here: the textarea's DOM value changed behind React) still
  // reaches the importer, whose message comes back instead of Next's body-size error.
  await page.getByLabel("Document").fill("apiVersion: v1\n");
  await expect(alert).toHaveCount(0);
  await page.getByLabel("Document").evaluate((el, text) => ((el as HTMLTextAreaElement).value = text), big);
  const posted = page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/products/import"));
  await page.getByRole("button", { name: "Import" }).click();
  expect((await posted).status()).toBe(200);
  await expect(alert).toContainText("The document is larger than 1 MB.");
  await expect(page.getByText("Something went wrong")).toHaveCount(0);
});
