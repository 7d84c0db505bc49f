// Loading data into a provisioned product and reading it back through the serving layer, against the
// real PostgreSQL: good CSV and JSON loads, line-numbered rejections that write nothing, owners only.
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ForbiddenError, NotFoundError, PayloadTooLargeError, ValidationError } from "@/lib/errors";
import type { CurrentUser } from "@/lib/auth/current-user";
import { createPrincipal } from "@/prisma/seed/factories";
import { dropTestRoles, ensurePlatformReferenceData, ownedProduct, withClient, type Fixture } from "@/tests/provisioning-fixtures";
import { provisionProduct } from "@/lib/provisioning/provision-product";
import { readProductData } from "@/lib/provisioning/read-data";
import { runProvisioningJob } from "@/lib/provisioning/run-job";
import { stopQueue } from "@/lib/jobs/queue";
import { qualified } from "@/lib/provisioning/naming";
import { ingestCsv, ingestJson } from "./ingest";

let f: Fixture;
const ref = () => ({ domain: f.domain, name: f.spec.name, environment: "staging" as const });
const csv = (text: string) => Readable.from([Buffer.from(text)]);

async function rowCount(): Promise<number> {
  const d = await db.deployment.findUniqueOrThrow({ where: { productId_environment: { productId: f.productId, environment: "staging" } } });
  return withClient(async (c) => Number((await c.query(`SELECT count(*) AS n FROM ${qualified(d.schemaName!, d.tableName!)}`)).rows[0].n));
}

beforeAll(async () => {
  await ensurePlatformReferenceData();
  f = await ownedProduct({
    schema: [
      { name: "id", type: "string", description: "Identifier", required: true, pii: false },
      { name: "qty", type: "integer", description: "Quantity", required: true, pii: false },
      { name: "price", type: "number", description: "Price", required: false, pii: false },
      { name: "shipped_on", type: "date", description: "Ship date", required: false, pii: false },
    ],
  });
  const { jobId } = await provisionProduct(f.owner, { domain: f.domain, name: f.spec.name });
  expect(await runProvisioningJob(jobId)).toBe("completed");
});

afterAll(async () => {
  await dropTestRoles();
  await stopQueue();
});

describe("CSV loads", () => {
  it("loads a good file (columns in any order, quoted values) and reports the row count", async () => {
    const result = await ingestCsv(
      f.owner,
      ref(),
      csv('qty,id,price,shipped_on\n3,a-1,9.95,2026-01-31\n1,"a,2",,\n7,a-3,1e2,2026-02-01\n'),
    );
    expect(result).toMatchObject({ status: "succeeded", rowsTotal: 3, rowsLoaded: 3, errorCount: 0 });
    expect(await rowCount()).toBe(3);
    const load = await db.ingestionLoad.findUniqueOrThrow({ where: { id: result.loadId } });
    expect(load).toMatchObject({ status: "succeeded", rowsLoaded: 3, format: "csv" });
    expect(Number(load.bytes)).toBeGreaterThan(40);
  });

  it("rejects a malformed file with line-numbered errors and writes no row", async () => {
    const before = await rowCount();
    const text = ["id,qty,price", "b-1,2,1.5", "b-2,two,1.5", "b-3,3", "b-4,4,5,6", ",5,1", 'b-6,"6,1'].join("\n");
    const result = await ingestCsv(f.owner, ref(), csv(text));
    expect(result.status).toBe("rejected");
    expect(result.rowsLoaded).toBe(0);
    expect(result.errors.map((e) => e.row)).toEqual([3, 4, 5, 6, 7]);
    expect(result.errors[0].reason).toContain('qty: "two" is not a whole number');
    expect(result.errors[1].reason).toMatch(/malformed CSV/);
    expect(result.errors[3].reason).toBe("missing required field id");
    expect(await rowCount()).toBe(before);
    const load = await db.ingestionLoad.findUniqueOrThrow({ where: { id: result.loadId } });
    expect(load.status).toBe("rejected");
    expect((load.errors as unknown[]).length).toBe(5);
  });

  it("rejects an unknown header and a key that is already in the table, writing nothing", async () => {
    const before = await rowCount();
    const header = await ingestCsv(f.owner, ref(), csv("id,qty,colour\nz,1,red\n"));
    expect(header.errors[0]).toMatchObject({ row: 1 });
    expect(header.errors[0].reason).toContain("unknown column colour");
    const duplicate = await ingestCsv(f.owner, ref(), csv("id,qty\nnew-1,1\na-1,2\n"));
    expect(duplicate.status).toBe("rejected");
    expect(duplicate.errors).toEqual([{ row: 3, reason: expect.stringContaining("duplicate primary key") }]);
    expect(await rowCount()).toBe(before);
  });

  it("lists the first 100 errors but counts them all", async () => {
    const lines = ["id,qty", ...Array.from({ length: 250 }, (_, i) => `x-${i},not-a-number`)];
    const result = await ingestCsv(f.owner, ref(), csv(lines.join("\n")));
    expect(result.errorCount).toBe(250);
    expect(result.errors).toHaveLength(100);
    expect(result.errors[99].row).toBe(101);
  });
});

describe("JSON batches", () => {
  it("loads an array of objects, and rejects the whole batch for one bad row", async () => {
    const ok = await ingestJson(
      f.owner,
      ref(),
      [
        { id: "j-1", qty: 2, price: 1.25 },
        { id: "j-2", qty: 5, shipped_on: "2026-03-01" },
      ],
      100,
    );
    expect(ok).toMatchObject({ status: "succeeded", rowsLoaded: 2 });
    const before = await rowCount();
    const bad = await ingestJson(
      f.owner,
      ref(),
      [{ id: "j-3", qty: 1 }, { id: "j-4", qty: "many" }, { id: "j-5", qty: 1, extra: true }, "nope"],
      100,
    );
    expect(bad.status).toBe("rejected");
    expect(bad.errors.map((e) => e.row)).toEqual([2, 3, 4]);
    expect(await rowCount()).toBe(before);
    await expect(ingestJson(f.owner, ref(), { id: 1 }, 10)).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("uploads that are cut off, too large or too deep", () => {
  const lastLoad = async () =>
    db.ingestionLoad.findFirstOrThrow({ where: { deployment: { productId: f.productId } }, orderBy: { startedAt: "desc" } });

  it("a body that breaks off mid-upload (client gone) loads nothing and the load says why", async () => {
    const before = await rowCount();
    // What the route's body does when the client hangs up: some chunks arrive, then the stream errors.
    const chunks = [
      "id,qty\n",
      ...Array.from({ length: 50 }, (_, c) => Array.from({ length: 100 }, (_, i) => `cut-${c}-${i},${i}\n`).join("")),
      "cut-last,12",
    ];
    let reads = 0;
    const body = new Readable({
      read() {
        if (reads < chunks.length) this.push(chunks[reads++]);
        else this.destroy(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
      },
    });
    const refused = await ingestCsv(f.owner, ref(), body).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as Error).message).toMatch(/^The upload was cut off after \d+ bytes/);
    expect(await rowCount()).toBe(before);
    const load = await lastLoad();
    expect(load.status).toBe("failed");
    expect(load.errors).toEqual([{ row: 0, reason: (refused as Error).message }]);
  });

  it("a body shorter than its Content-Length loads nothing, so its cut last line is never stored", async () => {
    const before = await rowCount();
    const text = "id,qty\nshort-1,1\nshort-2,12"; // the sender meant "short-2,123\n"
    const refused = await ingestCsv(f.owner, ref(), csv(text), { declaredBytes: Buffer.byteLength(text) + 2 }).catch((e: unknown) => e);
    expect((refused as Error).message).toContain(
      `cut off after ${Buffer.byteLength(text)} bytes of the ${Buffer.byteLength(text) + 2} announced`,
    );
    expect(await rowCount()).toBe(before);
    expect(await lastLoad()).toMatchObject({ status: "failed", errors: [{ row: 0, reason: (refused as Error).message }] });
  });

  it("a streamed body over the limit fails with 413 and loads nothing", async () => {
    const before = await rowCount();
    const text = `id,qty\n${Array.from({ length: 2000 }, (_, i) => `big-${i},${i}`).join("\n")}\n`;
    const refused = await ingestCsv(f.owner, ref(), csv(text), { maxBytes: 4096 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PayloadTooLargeError);
    expect((refused as PayloadTooLargeError).status).toBe(413);
    expect((refused as Error).message).toContain("Uploads are limited to 4096 bytes");
    expect(await rowCount()).toBe(before);
    expect(await lastLoad()).toMatchObject({ status: "failed", errors: [{ row: 0, reason: (refused as Error).message }] });
  });

  it("a last row with too few values is a refused row, not a stored one", async () => {
    const before = await rowCount();
    const result = await ingestCsv(f.owner, ref(), csv("id,qty,price\nlast-1,1,2.5\nlast-2,1"));
    expect(result.status).toBe("rejected");
    expect(result.errors).toEqual([{ row: 3, reason: expect.stringContaining("malformed CSV") }]);
    expect(await rowCount()).toBe(before);
  });

  it("a JSON value nested 5,000 levels deep is a refused row with a stored reason, not a crash", async () => {
    const g = await ownedProduct({
      schema: [
        { name: "id", type: "string", description: "Identifier", required: true, pii: false },
        { name: "payload", type: "json", description: "Payload", required: false, pii: false },
      ],
    });
    const { jobId } = await provisionProduct(g.owner, { domain: g.domain, name: g.spec.name });
    expect(await runProvisioningJob(jobId)).toBe("completed");
    const gref = { domain: g.domain, name: g.spec.name, environment: "staging" as const };
    const deep = JSON.parse(`${'{"a":'.repeat(5000)}1${"}".repeat(5000)}`) as unknown;
    const fromJson = await ingestJson(
      g.owner,
      gref,
      [
        { id: "ok", payload: { a: [1] } },
        { id: "deep", payload: deep },
      ],
      50_000,
    );
    expect(fromJson).toMatchObject({
      status: "rejected",
      rowsLoaded: 0,
      errors: [{ row: 2, reason: "payload: nests deeper than 64 levels of arrays/objects" }],
    });
    const stored = await db.ingestionLoad.findUniqueOrThrow({ where: { id: fromJson.loadId } });
    expect(stored).toMatchObject({
      status: "rejected",
      errors: [{ row: 2, reason: "payload: nests deeper than 64 levels of arrays/objects" }],
    });
    const cell = `"${"[".repeat(5000)}${"]".repeat(5000)}"`;
    const fromCsv = await ingestCsv(g.owner, gref, csv(`id,payload\nok,"{""a"":1}"\ndeep,${cell}\n`));
    expect(fromCsv).toMatchObject({
      status: "rejected",
      errors: [{ row: 3, reason: "payload: nests deeper than 64 levels of arrays/objects" }],
    });
  });
});

describe("who may load and read", () => {
  let outsider: CurrentUser;
  let consumer: CurrentUser;
  beforeAll(async () => {
    outsider = await createPrincipal(["data_producer"], {});
    consumer = await createPrincipal(["data_consumer"]);
  });

  it("refuses loads from anyone but the owners (403) and writes nothing", async () => {
    const before = await rowCount();
    await expect(ingestCsv(outsider, ref(), csv("id,qty\nq,1\n"))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(ingestJson(consumer, ref(), [{ id: "q", qty: 1 }], 10)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await rowCount()).toBe(before);
  });

  it("serves rows to a consumer through the product's read-only role", async () => {
    const { page } = await readProductData(consumer, { ...ref(), limit: 2, offset: 0 });
    expect(page.total).toBe(await rowCount());
    expect(page.columns).toEqual(["id", "qty", "price", "shipped_on", "_loaded_at"]);
    expect(page.rows[0]).toMatchObject({ id: "a,2", qty: 1, price: null });
    expect(page.rows).toHaveLength(2);
    await expect(readProductData(consumer, { ...ref(), environment: "production", limit: 10, offset: 0 })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it("refuses reading a confidential product to consumers without a live grant", async () => {
    const secret = await ownedProduct({ classification: "confidential", access: [{ role: "data_producer", permissions: ["read"] }] });
    const { jobId } = await provisionProduct(secret.owner, { domain: secret.domain, name: secret.spec.name });
    await runProvisioningJob(jobId);
    const r = { domain: secret.domain, name: secret.spec.name, environment: "staging" as const, limit: 10, offset: 0 };
    await expect(readProductData(consumer, r)).rejects.toThrow(/request access/i);
    // An approved request without a grant (before grants existed) opens nothing: grants are what reads honour.
    await db.accessRequest.create({ data: { productId: secret.productId, requesterId: consumer.id, purpose: "test", status: "approved" } });
    await expect(readProductData(consumer, r)).rejects.toBeInstanceOf(ForbiddenError);
    // Producers read confidential data outright under the seed policy (its access_control).
    await expect(readProductData(outsider, r)).resolves.toMatchObject({ page: { total: 0, access: "role" } });
    await expect(readProductData(secret.owner, r)).resolves.toMatchObject({ page: { total: 0 } });
  });
});
