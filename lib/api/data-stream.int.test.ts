// A large data page over real HTTP (a node:http server in front of the route handler, as `next start` pipes a
// route's body): 50,000 NDJSON rows of a 60,000-row product arrive in many chunks, the first while PostgreSQL
// still holds the page's server-side cursor open (the page is streamed, not materialised), and the Link
// header's next page (CSV) holds exactly the rest.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { createPrincipal } from "@/prisma/seed/factories";
import { dropTestRoles, ensurePlatformReferenceData, ownedProduct, withClient, type Fixture } from "@/tests/provisioning-fixtures";
import { quoteIdent } from "@/lib/provisioning/naming";
import { provisionProduct } from "@/lib/provisioning/provision-product";
import { runProvisioningJob } from "@/lib/provisioning/run-job";
import { ingestJson } from "@/lib/ingestion/ingest";
import { stopQueue } from "@/lib/jobs/queue";
import { createApiToken } from "@/lib/auth/api-tokens";

vi.mock("@/lib/auth/auth", () => ({ auth: async () => null }));

const ROWS = 60_000;
const PAGE = 50_000;

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
let f: Fixture;
let secret: string;
let server: http.Server;
let origin: string;

beforeAll(async () => {
  await ensurePlatformReferenceData();
  f = await ownedProduct({
    schema: [
      { name: "id", type: "string", description: "Identifier", required: true, pii: false },
      { name: "qty", type: "integer", description: "Quantity", required: true, pii: false },
      { name: "note", type: "string", description: "A note", required: false, pii: false },
    ],
  });
  const { jobId } = await provisionProduct(f.owner, { domain: f.domain, name: f.spec.name });
  expect(await runProvisioningJob(jobId)).toBe("completed");
  const rows = Array.from({ length: ROWS }, (_, i) => ({
    id: `r-${String(i).padStart(6, "0")}`,
    qty: i,
    note: `row ${i} of the big page`,
  }));
  expect((await ingestJson(f.owner, { domain: f.domain, name: f.spec.name, environment: "staging" }, rows, 10_000_000)).rowsLoaded).toBe(
    ROWS,
  );
  const consumer = await createPrincipal(["data_consumer"]);
  secret = (await createApiToken(consumer, { name: "stream", scopes: ["read"], expiresInDays: 1 })).secret;
  const { GET } = (await import("@/app/api/v1/products/[domain]/[name]/data/route")) as unknown as { GET: Handler };
  server = http.createServer((req, res) => {
    // As `next start` does: the request's signal aborts when the client goes away, and a body whose client
    // left before it was piped is dropped without being cancelled.
    const gone = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) gone.abort();
    });
    const request = new Request(`${origin}${req.url}`, { headers: req.headers as Record<string, string>, signal: gone.signal });
    void GET(request, { params: Promise.resolve({ domain: f.domain, name: f.spec.name }) }).then((response) => {
      if (res.destroyed) return;
      res.writeHead(response.status, Object.fromEntries(response.headers));
      if (!response.body) return res.end();
      const body = Readable.fromWeb(response.body as import("node:stream/web").ReadableStream);
      res.on("close", () => body.destroy());
      body.pipe(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 300_000);

afterAll(async () => {
  server?.close();
  await dropTestRoles();
  await stopQueue();
});

/** Data connections of this database busy with a read (fetching, or idle inside its transaction): an open page. */
async function openReads(): Promise<number> {
  const rows = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM pg_stat_activity
    WHERE datname = current_database() AND application_name = 'meshport-data' AND state <> 'idle'`;
  return rows[0].n;
}

type Received = { status: number; headers: http.IncomingHttpHeaders; chunks: number; text: string; openAtFirstChunk: number };

/** GET with a client that stops reading after the first chunk for a moment, as a slow consumer would. */
function get(pathAndQuery: string): Promise<Received> {
  return new Promise((resolve, reject) => {
    http
      .get(`${origin}${pathAndQuery}`, { headers: { authorization: `Bearer ${secret}` } }, (res) => {
        const parts: Buffer[] = [];
        let openAtFirstChunk = -1;
        res.on("data", (chunk: Buffer) => {
          parts.push(chunk);
          if (parts.length === 1) {
            res.pause();
            void openReads()
              .then((n) => (openAtFirstChunk = n))
              .finally(() => res.resume());
          }
        });
        res.on("end", () =>
          resolve({
            status: res.statusCode!,
            headers: res.headers,
            chunks: parts.length,
            text: Buffer.concat(parts).toString(),
            openAtFirstChunk,
          }),
        );
        res.on("error", reject);
      })
      .on("error", reject);
  });
}

describe("a large page over HTTP", () => {
  it("streams 50,000 NDJSON rows from an open cursor, then the rest as CSV through the Link header", async () => {
    const path = `/api/v1/products/${f.domain}/${f.spec.name}/data`;
    const nd = await get(`${path}?env=staging&format=ndjson&limit=${PAGE}`);
    expect(nd.status).toBe(200);
    expect(nd.headers["content-type"]).toBe("application/x-ndjson");
    const lines = nd.text.trimEnd().split("\n");
    expect(lines).toHaveLength(PAGE);
    expect(JSON.parse(lines[0])).toMatchObject({ id: "r-000000", qty: 0 });
    expect(JSON.parse(lines[PAGE - 1])).toMatchObject({ id: `r-0${PAGE - 1}`, qty: PAGE - 1 });
    // The first bytes arrived while the page's transaction (and cursor) was still open in PostgreSQL.
    expect(nd.openAtFirstChunk).toBeGreaterThanOrEqual(1);
    expect(nd.chunks).toBeGreaterThan(10);
    expect(await openReads()).toBe(0);

    const link = /<([^>]+)>; rel="next"/.exec(String(nd.headers.link ?? ""));
    expect(link).not.toBeNull();
    const rest = await get(link![1].replace("format=ndjson", "format=csv"));
    expect(rest.status).toBe(200);
    const csv = rest.text.trimEnd().split("\r\n");
    expect(csv[0]).toBe("id,qty,note,_loaded_at");
    expect(csv).toHaveLength(ROWS - PAGE + 1);
    expect(csv[1].startsWith(`r-0${PAGE},${PAGE},`)).toBe(true);
    expect(rest.headers.link).toBeUndefined();
  }, 120_000);

  it("gives the connection back when clients go away mid-page", async () => {
    const path = `/api/v1/products/${f.domain}/${f.spec.name}/data?env=staging&format=csv&limit=${PAGE}`;
    // More clients than the pool has connections, each leaving after its first chunk.
    await Promise.all(
      Array.from(
        { length: 15 },
        () =>
          new Promise<void>((resolve, reject) => {
            const req = http.get(`${origin}${path}`, { headers: { authorization: `Bearer ${secret}` } }, (res) => {
              res.once("data", () => {
                req.destroy();
                resolve();
              });
            });
            req.on("error", (e) => (req.destroyed ? resolve() : reject(e)));
          }),
      ),
    );
    await expect.poll(openReads, { timeout: 5000 }).toBe(0);
    // Clients that leave while the handler is still preparing the answer (0 to 42 ms in).
    await Promise.all(
      Array.from(
        { length: 15 },
        (_, i) =>
          new Promise<void>((resolve) => {
            const req = http.get(`${origin}${path}`, { headers: { authorization: `Bearer ${secret}` } });
            req.on("error", () => resolve());
            setTimeout(() => req.destroy(), i * 3);
          }),
      ),
    );
    await new Promise((r) => setTimeout(r, 1500));
    expect(await openReads()).toBe(0);
    // And the pool still serves a whole page.
    const after = await get(`/api/v1/products/${f.domain}/${f.spec.name}/data?env=staging&format=ndjson&limit=10`);
    expect(after.text.trimEnd().split("\n")).toHaveLength(10);
  }, 60_000);

  it("answers 409 with how to repair it when the database refuses the read role its privilege, not a 500", async () => {
    const deployment = await db.deployment.findFirstOrThrow({
      where: { product: { name: f.spec.name }, environment: "staging" },
      select: { schemaName: true, resources: true },
    });
    const roles = (deployment.resources as { roles: { accessRole: string; roleName: string }[] }).roles;
    const role = roles.find((r) => r.accessRole === "data_consumer")!.roleName;
    const revoke = `REVOKE SELECT ON ALL TABLES IN SCHEMA ${quoteIdent(deployment.schemaName!)} FROM ${quoteIdent(role)}`;
    const grant = `GRANT SELECT ON ALL TABLES IN SCHEMA ${quoteIdent(deployment.schemaName!)} TO ${quoteIdent(role)}`;
    await withClient((c) => c.query(revoke));
    try {
      for (const format of ["json", "ndjson"]) {
        const res = await fetch(`${origin}/api/v1/products/${f.domain}/${f.spec.name}/data?env=staging&format=${format}&limit=10`, {
          headers: { authorization: `Bearer ${secret}` },
        });
        expect(res.status, format).toBe(409);
        expect(res.headers.get("content-type")).toContain("application/problem+json");
        expect(((await res.json()) as { detail: string }).detail).toMatch(/privileges no longer match its policy.*provision it again/);
      }
      await expect(openReads()).resolves.toBe(0);
    } finally {
      await withClient((c) => c.query(grant));
    }
  });

  it("still refuses a JSON page over 1,000 rows with a problem naming limit", async () => {
    const res = await fetch(`${origin}/api/v1/products/${f.domain}/${f.spec.name}/data?env=staging&limit=5000`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(Object.keys(((await res.json()) as { errors: object }).errors)).toEqual(["limit"]);
  });
});
