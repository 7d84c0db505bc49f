// REST API v1 speed (issue #13): reading 1,000 rows through the API next to the same SQL sent directly, both
// with 50 concurrent clients (the throughput ratio is the figure; target ≤ 2×); a page deep in a
// 1,000,000-row table against the first page (keyset cursor); what token authentication costs per request;
// getting one product by name over HTTP (p50, one client). The portal is `next start` on the benchmark
// database, the build in NEXT_DIST_DIR. Standalone: bench/api-row.ts.
import { spawn } from "node:child_process";
import os from "node:os";
import autocannon from "autocannon";
import pg from "pg";
import { NEXT_BIN } from "../scripts/run";
import type { Row } from "./sections";
import { ms, serverNodeArgs, summarize, timeCalls } from "./stats";

const ROWS = 1_000_000;
const SECONDS = 15;

/** `seconds` > 0: a timed run (requests in flight at the end are cut); < 0: exactly -seconds requests. */
async function load(url: string, headers: Record<string, string>, connections: number, seconds: number) {
  const latencies: number[] = [];
  const span = seconds > 0 ? { duration: seconds } : { amount: -seconds };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, ...span, timeout: 30, headers }, (err, r) => (err ? reject(err) : resolve(r)));
    instance.on("response", (_c, _s, _b, t) => latencies.push(t));
  });
  return {
    ...summarize(latencies),
    latencies,
    reqPerSec: result.requests.total / result.duration,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/** The same query from 50 clients for `seconds`: latency of each, and queries per second. */
async function direct(url: string, text: string, values: unknown[], seconds: number) {
  const pool = new pg.Pool({ connectionString: url, max: 50 });
  const latencies: number[] = [];
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: 50 }, async () => {
      while (Date.now() < end) {
        const t = performance.now();
        const r = await pool.query(text, values);
        JSON.stringify(r.rows); // a client would at least look at the rows
        latencies.push(performance.now() - t);
      }
    }),
  );
  await pool.end();
  return { ...summarize(latencies), reqPerSec: latencies.length / seconds };
}

export async function apiSection(url: string, opts: { quick: boolean; port?: number }): Promise<Row[]> {
  process.env.DATABASE_URL = url;
  const seconds = opts.quick ? 5 : SECONDS;
  const fixtures = await import("@/tests/provisioning-fixtures");
  const { provisionProduct } = await import("@/lib/provisioning/provision-product");
  const { runProvisioningJob } = await import("@/lib/provisioning/run-job");
  const { createApiToken, authenticateApiToken } = await import("@/lib/auth/api-tokens");
  const { buildSelect, encodeCursor } = await import("@/lib/provisioning/data-query");
  const { qualified } = await import("@/lib/provisioning/naming");
  const { db } = await import("@/lib/db");
  const { pgAuthPool } = await import("@/lib/pg");
  const { stopQueue } = await import("@/lib/jobs/queue");

  await fixtures.ensurePlatformReferenceData();
  const fields = [
    { name: "order_id", type: "integer" as const, description: "Order", required: true, pii: false },
    { name: "customer", type: "string" as const, description: "Customer", required: true, pii: false },
    { name: "amount", type: "number" as const, description: "Amount", required: false, pii: false },
    { name: "ordered_on", type: "date" as const, description: "Date", required: false, pii: false },
  ];
  const f = await fixtures.ownedProduct({ schema: fields });
  const { jobId } = await provisionProduct(f.owner, { domain: f.domain, name: f.spec.name });
  if ((await runProvisioningJob(jobId)) !== "completed") throw new Error("bench product did not provision");
  const dep = await db.deployment.findUniqueOrThrow({
    where: { productId_environment: { productId: f.productId, environment: "staging" } },
  });
  const table = qualified(dep.schemaName!, dep.tableName!);
  const view = qualified(dep.schemaName!, (dep.resources as { view: string }).view);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(
    `INSERT INTO ${table} (order_id, customer, amount, ordered_on) SELECT g, 'customer-' || (g % 5000), (g % 1000) * 1.25, date '2026-01-01' + (g % 365) FROM generate_series(1, ${ROWS}) g`,
  );
  // VACUUM as well: otherwise the 1,000,000 inserts start autovacuum on this table (an insert-triggered vacuum,
  // PostgreSQL 13+) while the timed rows below run; a served table is vacuumed in production anyway.
  await client.query(`VACUUM (ANALYZE) ${table}`);
  // The load above wrote ~100 MB of WAL: let its checkpoint happen now rather than under the timed rows below.
  await client.query("CHECKPOINT");

  const consumerRow = await db.user.findUniqueOrThrow({ where: { email: "carla.consumer@meshport.local" } });
  const consumer = { id: consumerRow.id, email: consumerRow.email, name: consumerRow.name, roles: consumerRow.roles, domains: {} };
  const { secret } = await createApiToken(consumer, { name: "bench", scopes: ["read"], expiresInDays: 1, rateLimit: 100_000 });

  // Token authentication alone, in process: one statement (the token and the user's roles; the last use and
  // the rate count once per lease); and the same loop's floor, one trivial statement on the same pool.
  const calls = opts.quick ? 300 : 2000;
  const authStats = summarize(await timeCalls(calls, () => authenticateApiToken(secret, "GET /bench")));
  const floorStats = summarize(await timeCalls(calls, () => pgAuthPool().query("SELECT 1")));
  // A limit under 200 a minute takes leases of one request: every call writes, which is what every request cost
  // before leases. 190 calls, all under the limit of 199 (past it, the answer would be a 429 without an audit row).
  const small = await createApiToken(consumer, { name: "bench-small", scopes: ["read"], expiresInDays: 1, rateLimit: 199 });
  const writingStats = summarize(await timeCalls(190, () => authenticateApiToken(small.secret, "GET /bench")));

  const port = opts.port ?? 3460;
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [...serverNodeArgs(), NEXT_BIN, "start", "-p", String(port)], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      AUTH_SECRET: "bench-secret-bench-secret-bench-1",
      AUTH_TRUST_HOST: "true",
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
      WORKER_ENABLED: "false",
    },
    stdio: "ignore",
  });
  const loadBefore = os.loadavg()[0].toFixed(1);
  try {
    for (let i = 0; i < 120; i++) {
      if (
        await fetch(`${base}/api/health`)
          .then((r) => r.ok)
          .catch(() => false)
      )
        break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const headers = { authorization: `Bearer ${secret}` };
    const dataPath = `/api/v1/products/${f.domain}/${f.spec.name}/data?env=staging`;
    const oneRes = await fetch(`${base}${dataPath}&limit=1`, { headers });
    if (!oneRes.ok) throw new Error(`data API answered ${oneRes.status}: ${await oneRes.text()}`);
    // Counted runs first: a timed run cuts the requests in flight when it ends, and a cut data request
    // holds its pooled connection until the server notices (or its 30 s idle limit), which would slow
    // whatever runs next.
    await load(`${base}${dataPath}&limit=1000`, headers, 5, -100);
    const single = opts.quick ? -100 : -500;
    const first = await load(`${base}${dataPath}&limit=100`, headers, 1, single);
    const deep = await load(`${base}${dataPath}&limit=100&cursor=${encodeCursor([String(ROWS - 1000)])}`, headers, 1, single);

    // Get one product by name (the catalog's mesh is in the database too).
    const productPath = `/api/v1/products/${f.domain}/${f.spec.name}`;
    // Warm-up to steady state, since the figure is for a portal in use: on a fresh server the first answers of a
    // route are slower while V8 optimises (get-one p50 2.28 ms for the first 100, 1.45–1.69 ms for the next 1,000,
    // 1.21–1.53 ms after that; one client, 10,042 products).
    await load(base + productPath, headers, 2, opts.quick ? -200 : -1500);
    await load(`${base}/api/health`, {}, 1, opts.quick ? -200 : -1000);
    // Get-one and its floor in five alternating slices, so that both are sampled at the same moments of the machine.
    const getOneMs: number[] = [];
    const healthMs: number[] = [];
    for (let i = 0; i < 5; i++) {
      getOneMs.push(...(await load(base + productPath, headers, 1, (single * 2) / 5)).latencies);
      healthMs.push(...(await load(`${base}/api/health`, {}, 1, (single * 2) / 5)).latencies);
    }
    const getOne = summarize(getOneMs);
    const health = summarize(healthMs);

    const api = await load(`${base}${dataPath}&limit=1000`, headers, 50, seconds);
    const q = buildSelect(view, { fields: [], filters: [], sort: [], after: null, limit: 1000 }, fields, ["order_id"]);
    const sql = await direct(url, q.text, q.values, seconds);
    const products = await db.dataProduct.count();
    const loadAfter = os.loadavg()[0].toFixed(1);
    const load_ = `load ${loadBefore}→${loadAfter}, ${os.cpus().length} cores`;
    return [
      {
        area: "api",
        metric: "1,000 rows via GET …/data (50 clients)",
        value: `p50 ${ms(api.p50)}, p95 ${ms(api.p95)}, ${api.reqPerSec.toFixed(0)} req/s (${(api.reqPerSec * 1000).toFixed(0)} rows/s), non-2xx ${api.non2xx}`,
      },
      {
        area: "api",
        metric: "same SELECT sent directly (50 pg clients)",
        value: `p50 ${ms(sql.p50)}, p95 ${ms(sql.p95)}, ${sql.reqPerSec.toFixed(0)} queries/s`,
      },
      {
        area: "api",
        metric: "API ÷ direct SQL",
        value: `${(sql.reqPerSec / api.reqPerSec).toFixed(2)}× throughput, ${(api.p95 / sql.p95).toFixed(2)}× p95 (${load_})`,
        target: "≤ 2×",
      },
      {
        area: "api",
        metric: `page at row ${(ROWS - 1000).toLocaleString("en")} of ${ROWS.toLocaleString("en")} vs first page (cursor, 100 rows, 1 client)`,
        value: `deep p50 ${ms(deep.p50)} / first p50 ${ms(first.p50)} = ${(deep.p50 / first.p50).toFixed(2)}×`,
        target: "≈ 1×",
      },
      {
        area: "api",
        metric: "token authentication (in process, limit 100,000/min: leases of 50)",
        value: `p50 ${ms(authStats.p50)}, p95 ${ms(authStats.p95)} (${authStats.n} calls; SELECT 1 through the same pool p50 ${ms(floorStats.p50)})`,
        target: "< 1 ms",
      },
      {
        area: "api",
        metric: "token authentication writing on every call (limit 199/min: leases of 1)",
        value: `p50 ${ms(writingStats.p50)}, p95 ${ms(writingStats.p95)} (${writingStats.n} calls)`,
        target: "< 1 ms",
      },
      {
        area: "api",
        metric: `GET /api/v1/products/{domain}/{name} (1 client, ${products.toLocaleString("en")} products)`,
        value: `p50 ${ms(getOne.p50)}, p95 ${ms(getOne.p95)}; floor /api/health p50 ${ms(health.p50)}`,
        target: "p50 ≤ 3 ms",
      },
    ];
  } finally {
    server.kill("SIGTERM");
    await client.end();
    await stopQueue();
  }
}
