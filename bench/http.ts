// Pages under load: `next start` on the benchmark database, a signed-in session, autocannon with 50
// concurrent connections for 30 s per page; peak RSS of the server process tree sampled every 250 ms.
// Percentiles are exact, from every response's latency (autocannon's own summary has p97.5, not p95).
import { spawn, execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import autocannon from "autocannon";
import os from "node:os";
import pg from "pg";
import { NEXT_BIN, buildIsStale, node } from "../scripts/run";
import { serverNodeArgs, summarize } from "./stats";
import type { Row } from "./sections";

/** The server process tree's resident memory now (VmRSS) and each process's own peak (VmHWM, kept by the kernel), in kB. */
function treeMemoryKb(pid: number): { rss: number; hwm: number } {
  const total = { rss: 0, hwm: 0 };
  const visit = (p: number) => {
    try {
      const status = readFileSync(`/proc/${p}/status`, "utf8");
      total.rss += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      total.hwm += Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    } catch {
      return;
    }
    try {
      const children = execFileSync("ps", ["-o", "pid=", "--ppid", String(p)], { encoding: "utf8" })
        .split("\n")
        .map((s) => Number(s.trim()))
        .filter(Boolean);
      children.forEach(visit);
    } catch {
      /* no children */
    }
  };
  visit(pid);
  return total;
}

async function signIn(base: string, email: string, password: string): Promise<string> {
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const cookies = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const [k, v] = pair.split("=");
      cookies.set(k, v);
    }
  };
  keep(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: "/" }),
  });
  keep(res);
  return [...cookies].map(([k, v]) => `${k}=${v}`).join("; ");
}

export type HttpRow = {
  page: string;
  reqPerSec: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
  requests: number;
};
/** `anonymous`: sent without the session cookie (the floor rows: a page and a route that need no session). */
export type HttpPage = { label: string; path: string; anonymous?: boolean };

export async function benchHttp(
  url: string,
  pages: HttpPage[],
  opts: { connections?: number; seconds?: number; port?: number; rounds?: number } = {},
) {
  const port = opts.port ?? 3450;
  const loadBefore = os.loadavg()[0];
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [...serverNodeArgs(), NEXT_BIN, "start", "-p", String(port)], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      AUTH_SECRET: "bench-secret-bench-secret-bench-1",
      AUTH_TRUST_HOST: "true",
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
    },
    stdio: "ignore",
  });
  // Sampled every 250 ms (the tree's sum), and the kernel's per-process high-water mark, which also
  // catches a peak between two samples.
  let peakKb = 0;
  let hwmKb = 0;
  const sample = () => {
    const m = treeMemoryKb(server.pid!);
    peakKb = Math.max(peakKb, m.rss);
    hwmKb = Math.max(hwmKb, m.hwm);
  };
  const sampler = setInterval(sample, 250);
  try {
    for (let i = 0; i < 120; i++) {
      try {
        if ((await fetch(`${base}/api/health`)).ok) break;
      } catch {
        /* not up yet */
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    const cookie = await signIn(base, "carla.consumer@meshport.local", "meshport-demo");
    // warm-up: compile caches, connection pool
    for (const page of pages)
      await autocannon({ url: base + page.path, connections: 5, duration: 3, headers: page.anonymous ? {} : { cookie } });
    // The pages take turns in `rounds` slices, so a change in the shared machine's load touches every page
    // alike and the ratios between them hold.
    const rounds = opts.rounds ?? 3;
    const slice = Math.max(1, Math.round((opts.seconds ?? 30) / rounds));
    const acc = pages.map(() => ({ latencies: [] as number[], requests: 0, seconds: 0, errors: 0, non2xx: 0 }));
    for (let round = 0; round < rounds; round++) {
      for (const [i, page] of pages.entries()) {
        const a = acc[i];
        const r = await new Promise<autocannon.Result>((resolve, reject) => {
          const instance = autocannon(
            {
              url: base + page.path,
              connections: opts.connections ?? 50,
              duration: slice,
              // On a loaded machine an answer may take longer than autocannon's default 10 s: late is measured, not an error.
              timeout: 30,
              headers: page.anonymous ? {} : { cookie },
            },
            (err, result) => (err ? reject(err) : resolve(result)),
          );
          instance.on("response", (_client, _status, _bytes, responseTime) => a.latencies.push(responseTime));
        });
        a.requests += r.requests.total;
        a.seconds += r.duration;
        a.errors += r.errors + r.timeouts;
        a.non2xx += r.non2xx;
      }
    }
    const rows: HttpRow[] = pages.map((page, i) => {
      const a = acc[i];
      const l = summarize(a.latencies);
      return {
        page: page.label,
        reqPerSec: a.requests / a.seconds,
        p50: Math.round(l.p50),
        p95: Math.round(l.p95),
        p99: Math.round(l.p99),
        errors: a.errors,
        non2xx: a.non2xx,
        requests: a.requests,
      };
    });
    sample();
    return {
      rows,
      peakRssMb: Math.round(peakKb / 1024),
      highWaterMarkMb: Math.round(hwmKb / 1024),
      loadBefore: loadBefore.toFixed(1),
      loadAfter: os.loadavg()[0].toFixed(1),
    };
  } finally {
    clearInterval(sampler);
    // Wait for it to end, so what it writes on exit (a --cpu-prof profile) is complete before the bench exits.
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
  }
}

/**
 * The http rows of `npm run bench`: the catalog and a product page signed in, and the two floors (the
 * sign-in form: a server-rendered page with no session and no query; the health route: no rendering)
 * under the same load, taking turns. No portal page can be cheaper than the floors; the catalog's share of
 * the sign-in floor is the figure to watch.
 */
export async function httpSection(
  url: string,
  opts: { seconds: number; port?: number; rounds?: number; build?: boolean; connections?: number },
): Promise<Row[]> {
  // `build: false`: the caller built (e.g. into its own NEXT_DIST_DIR, which buildIsStale does not look at).
  if (opts.build !== false && buildIsStale()) await node([NEXT_BIN, "build"]);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const sample = (
    await client.query(
      "SELECT d.slug, p.name FROM data_products p JOIN domains d ON d.id = p.domain_id WHERE d.slug LIKE 'mesh-%' ORDER BY p.name LIMIT 1 OFFSET 4242",
    )
  ).rows[0] as { slug: string; name: string };
  await client.end();
  const catalog = "catalog page (/catalog?q=customer)";
  const floor = "floor: sign-in page (no session, no query)";
  const http = await benchHttp(
    url,
    [
      { label: catalog, path: "/catalog?q=customer" },
      { label: "product page", path: `/products/${sample.slug}/${sample.name}` },
      { label: floor, path: "/sign-in", anonymous: true },
      { label: "floor: /api/health (no rendering)", path: "/api/health", anonymous: true },
    ],
    { seconds: opts.seconds, port: opts.port, rounds: opts.rounds, connections: opts.connections },
  );
  const area = `http, ${opts.connections ?? 50} concurrent`;
  const rows: Row[] = [];
  for (const r of http.rows) {
    rows.push({ area, metric: `${r.page}: req/s`, value: r.reqPerSec.toFixed(0) });
    rows.push({
      area,
      metric: `${r.page}: p50 / p95 / p99`,
      value: `${r.p50} / ${r.p95} / ${r.p99} ms`,
      target: r.page === catalog ? "p95 < 300 ms" : undefined,
    });
    rows.push({ area, metric: `${r.page}: errors / non-2xx of ${r.requests}`, value: `${r.errors} / ${r.non2xx}`, target: "0" });
  }
  const rate = (label: string) => http.rows.find((r) => r.page === label)?.reqPerSec ?? NaN;
  rows.push({
    area,
    metric: "catalog page ÷ sign-in floor (req/s, same run)",
    value: `${(rate(catalog) / rate(floor)).toFixed(2)}×`,
    target: "≥ 0.5×",
  });
  rows.push({
    area,
    metric: "peak RSS of the portal (sampled / kernel high-water mark)",
    value: `${http.peakRssMb} MB / ${http.highWaterMarkMb} MB`,
  });
  rows.push({ area, metric: "machine load (1-min average) before / after", value: `${http.loadBefore} / ${http.loadAfter}` });
  return rows;
}
