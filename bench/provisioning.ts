// Provisioning and ingestion speed: one product end to end (request → queue → worker → four steps),
// 20 at once, and a CSV load of N rows next to psql's \copy of the same file on the same machine
// (the ratio is the figure). Each function runs against DATABASE_URL (or `url`) and returns figures;
// `provisioningSection` formats them as rows for bench/run.ts.
import { spawnSync } from "node:child_process";
import { createReadStream, createWriteStream, statSync, unlinkSync } from "node:fs";
import { once } from "node:events";
import os from "node:os";
import path from "node:path";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { Row, Section } from "./sections";
import { ms, summarize } from "./stats";

async function setup(url?: string) {
  if (url) process.env.DATABASE_URL = url;
  const fixtures = await import("@/tests/provisioning-fixtures");
  await fixtures.ensurePlatformReferenceData();
  const { startWorker } = await import("@/job-handlers");
  await startWorker({ concurrency: 10 });
  const { provisionProduct } = await import("@/lib/provisioning/provision-product");
  const { db } = await import("@/lib/db");
  return { fixtures, provisionProduct, db };
}

async function waitForJobs(jobIds: string[], timeoutMs = 300_000) {
  const { db } = await import("@/lib/db");
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const jobs = await db.provisioningJob.findMany({
      where: { id: { in: jobIds } },
      select: {
        id: true,
        status: true,
        createdAt: true,
        finishedAt: true,
        steps: { orderBy: { position: "asc" }, select: { step: true, durationMs: true } },
      },
    });
    if (jobs.every((j) => j.status === "succeeded" || j.status === "failed")) return jobs;
    if (Date.now() > deadline) throw new Error("provisioning jobs did not finish in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function cleanupRoles(): Promise<void> {
  const { dropTestRoles } = await import("@/tests/provisioning-fixtures");
  await dropTestRoles();
}

/** One product: from the owner's request to the job's last step, through pg-boss and the worker. */
export async function benchProvisionOne(url?: string) {
  const { fixtures, provisionProduct } = await setup(url);
  const f = await fixtures.ownedProduct();
  const started = performance.now();
  const { jobId } = await provisionProduct(f.owner, { domain: f.domain, name: f.spec.name });
  const requestMs = performance.now() - started;
  const [job] = await waitForJobs([jobId]);
  const totalMs = performance.now() - started;
  return { status: job.status, requestMs, totalMs, steps: Object.fromEntries(job.steps.map((s) => [s.step, s.durationMs ?? 0])) };
}

/** `n` products requested at once (the worker runs 10 jobs in parallel). */
export async function benchProvisionConcurrent(n = 20, url?: string) {
  const { fixtures, provisionProduct } = await setup(url);
  const products = [];
  for (let i = 0; i < n; i++) products.push(await fixtures.ownedProduct());
  const started = performance.now();
  const ids = await Promise.all(
    products.map((f) => provisionProduct(f.owner, { domain: f.domain, name: f.spec.name }).then((r) => r.jobId)),
  );
  const jobs = await waitForJobs(ids);
  const wallMs = performance.now() - started;
  const perJob = summarize(jobs.map((j) => (j.finishedAt ? j.finishedAt.getTime() - j.createdAt.getTime() : NaN)));
  return { n, succeeded: jobs.filter((j) => j.status === "succeeded").length, wallMs, jobsPerSecond: n / (wallMs / 1000), perJob };
}

async function writeCsv(file: string, rows: number): Promise<number> {
  const out = createWriteStream(file);
  out.write("id,qty,price,day,at,note\n");
  let chunk = "";
  for (let i = 0; i < rows; i++) {
    const d = 1 + (i % 28);
    chunk += `r${i},${i % 1000},${(i % 10000) / 100},2026-02-${d < 10 ? `0${d}` : d},2026-02-${d < 10 ? `0${d}` : d}T10:${String(i % 60).padStart(2, "0")}:00Z,row number ${i}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.end(chunk);
  await once(out, "finish");
  return statSync(file).size;
}

/** CSV ingest of `rows` rows through the portal's loader vs psql \copy of the same file into a twin table. */
export async function benchIngest(rows = 1_000_000, url?: string, opts: { serving?: boolean } = {}) {
  const { fixtures, provisionProduct, db } = await setup(url);
  const { ingestCsv } = await import("@/lib/ingestion/ingest");
  const { env } = await import("@/lib/env");
  const f = await fixtures.ownedProduct({
    schema: [
      { name: "id", type: "string", description: "Identifier", required: true, pii: false },
      { name: "qty", type: "integer", description: "Quantity", required: true, pii: false },
      { name: "price", type: "number", description: "Price", required: false, pii: false },
      { name: "day", type: "date", description: "Day", required: true, pii: false },
      { name: "at", type: "timestamp", description: "When", required: false, pii: false },
      { name: "note", type: "string", description: "Note", required: false, pii: false },
    ],
  });
  const { jobId } = await provisionProduct(f.owner, { domain: f.domain, name: f.spec.name });
  await waitForJobs([jobId]);
  const deployment = await db.deployment.findUniqueOrThrow({
    where: { productId_environment: { productId: f.productId, environment: "staging" } },
  });
  const file = path.join(os.tmpdir(), `meshport-bench-${rows}-${process.pid}.csv`);
  const bytes = await writeCsv(file, rows);
  try {
    const started = performance.now();
    const result = await ingestCsv(f.owner, { domain: f.domain, name: f.spec.name, environment: "staging" }, createReadStream(file));
    const portalMs = performance.now() - started;
    if (result.status !== "succeeded") throw new Error(`bench load was rejected: ${JSON.stringify(result.errors.slice(0, 3))}`);
    const serving = opts.serving === false ? null : await benchServing(f, rows);

    const schema = deployment.schemaName!;
    const twin = `${deployment.tableName}_psql`;
    const conn = env().DATABASE_URL;
    const psql = (sql: string) => spawnSync("psql", [conn, "-v", "ON_ERROR_STOP=1", "-qAtc", sql], { encoding: "utf8" });
    const prepared = psql(
      `CREATE TABLE "${schema}"."${twin}" (LIKE "${schema}"."${deployment.tableName}" INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)`,
    );
    let psqlMs = NaN;
    let psqlNote = "";
    if (prepared.error || prepared.status !== 0) {
      psqlNote = `psql unavailable: ${prepared.error?.message ?? prepared.stderr.trim()}`;
    } else {
      const t = performance.now();
      const copied = psql(`\\copy "${schema}"."${twin}" (id, qty, price, day, at, note) FROM '${file}' WITH (FORMAT csv, HEADER true)`);
      psqlMs = performance.now() - t;
      if (copied.status !== 0) psqlNote = `psql \\copy failed: ${copied.stderr.trim()}`;
    }
    return {
      rows,
      bytes,
      portal: { ms: portalMs, rowsPerSecond: rows / (portalMs / 1000) },
      psql: { ms: psqlMs, rowsPerSecond: rows / (psqlMs / 1000), note: psqlNote },
      ratio: psqlMs / portalMs,
      serving,
    };
  } finally {
    unlinkSync(file);
  }
}

/**
 * On the loaded table: the on-demand quality check (one scan measuring completeness, accuracy, consistency)
 * and the data read API's service (governance decision, count, one page of 100 rows) at the first page and
 * at the middle of the table (OFFSET paging reads past every skipped row).
 */
async function benchServing(f: { owner: CurrentUser; domain: string; productId: string; spec: { name: string } }, rows: number) {
  const { runQualityCheck } = await import("@/lib/quality/run-quality-check");
  const { readProductData } = await import("@/lib/provisioning/read-data");
  const started = performance.now();
  await runQualityCheck(f.owner, f.productId);
  const qualityMs = performance.now() - started;
  const read = async (offset: number, n: number) => {
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      const { page } = await readProductData(f.owner, { domain: f.domain, name: f.spec.name, environment: "staging", limit: 100, offset });
      times.push(performance.now() - t);
      if (page.rows.length !== 100) throw new Error(`the data API returned ${page.rows.length} rows at offset ${offset}`);
    }
    return summarize(times);
  };
  await read(0, 2); // warm-up
  return { qualityMs, rows, firstPage: await read(0, 20), middlePage: await read(Math.floor(rows / 2), 5) };
}

/** The three figures as benchmark rows (roles created on the cluster are dropped afterwards). */
export const provisioningSection: Section = async (url, { quick }) => {
  const rows: Row[] = [];
  try {
    const one = await benchProvisionOne(url);
    rows.push({
      area: "provisioning",
      metric: "one product end to end (request → queue → 4 steps)",
      value: `${ms(one.totalMs)} (request ${ms(one.requestMs)}; ${Object.entries(one.steps)
        .map(([k, v]) => `${k} ${v} ms`)
        .join(", ")})`,
    });
    const many = await benchProvisionConcurrent(20, url);
    rows.push({
      area: "provisioning",
      metric: `20 products at once (${many.succeeded} succeeded)`,
      value: `${(many.wallMs / 1000).toFixed(2)} s wall, ${many.jobsPerSecond.toFixed(1)} jobs/s, per job p50 ${ms(many.perJob.p50)} / p95 ${ms(many.perJob.p95)}`,
    });
    const n = quick ? 100_000 : 1_000_000;
    const ingest = await benchIngest(n, url);
    rows.push({
      area: "ingestion",
      metric: `CSV ${n.toLocaleString("en")} rows (${(ingest.bytes / 1e6).toFixed(0)} MB), portal: validate + COPY`,
      value: `${Math.round(ingest.portal.rowsPerSecond).toLocaleString("en")} rows/s (${(ingest.portal.ms / 1000).toFixed(2)} s)`,
    });
    rows.push({
      area: "ingestion",
      metric: "same file, psql \\copy",
      value:
        ingest.psql.note ||
        `${Math.round(ingest.psql.rowsPerSecond).toLocaleString("en")} rows/s (${(ingest.psql.ms / 1000).toFixed(2)} s)`,
    });
    rows.push({
      area: "ingestion",
      metric: "portal ÷ psql \\copy throughput",
      value: Number.isFinite(ingest.ratio) ? `${ingest.ratio.toFixed(2)}×` : "n/a",
    });
    const sv = ingest.serving!;
    rows.push({
      area: "quality",
      metric: `quality check over the loaded ${n.toLocaleString("en")} rows`,
      value: `${(sv.qualityMs / 1000).toFixed(2)} s (${Math.round(n / (sv.qualityMs / 1000)).toLocaleString("en")} rows/s)`,
    });
    rows.push({
      area: "data API",
      metric: `read 100 rows, first page of ${n.toLocaleString("en")} (service, p50 / p95)`,
      value: `${ms(sv.firstPage.p50)} / ${ms(sv.firstPage.p95)}`,
    });
    rows.push({
      area: "data API",
      metric: `read 100 rows at offset ${Math.floor(n / 2).toLocaleString("en")} (p50)`,
      value: ms(sv.middlePage.p50),
    });
  } finally {
    await cleanupRoles().catch(() => {});
    const { startWorker } = await import("@/job-handlers");
    await (await startWorker()).stop().catch(() => {});
  }
  return rows;
};
