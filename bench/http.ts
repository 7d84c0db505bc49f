// Pages under load: `next start` on the benchmark database, a signed-in session, autocannon with 50
// concurrent connections for 30 s per page; peak RSS of the server process tree sampled every 250 ms.
// Percentiles are exact, from every response's latency (autocannon's own summary has p97.5, not p95).
import { spawn, execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import autocannon from "autocannon";
import { NEXT_BIN } from "../scripts/run";
import { summarize } from "./stats";

function treeRssKb(pid: number): number {
  let total = 0;
  const visit = (p: number) => {
    try {
      const status = readFileSync(`/proc/${p}/status`, "utf8");
      const m = /VmRSS:\s+(\d+)/.exec(status);
      if (m) total += Number(m[1]);
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

export async function benchHttp(url: string, pages: HttpPage[], opts: { connections?: number; seconds?: number; port?: number } = {}) {
  const port = opts.port ?? 3450;
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [NEXT_BIN, "start", "-p", String(port)], {
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
  let peakKb = 0;
  const sampler = setInterval(() => (peakKb = Math.max(peakKb, treeRssKb(server.pid!))), 250);
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
    const rows: HttpRow[] = [];
    for (const page of pages) {
      const headers = page.anonymous ? {} : { cookie };
      // warm-up: compile caches, connection pool
      await autocannon({ url: base + page.path, connections: 5, duration: 3, headers });
      const latencies: number[] = [];
      const r = await new Promise<autocannon.Result>((resolve, reject) => {
        const instance = autocannon(
          { url: base + page.path, connections: opts.connections ?? 50, duration: opts.seconds ?? 30, headers },
          (err, result) => (err ? reject(err) : resolve(result)),
        );
        instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
      });
      const l = summarize(latencies);
      rows.push({
        page: page.label,
        reqPerSec: r.requests.average,
        p50: Math.round(l.p50),
        p95: Math.round(l.p95),
        p99: Math.round(l.p99),
        errors: r.errors + r.timeouts,
        non2xx: r.non2xx,
        requests: r.requests.total,
      });
    }
    return { rows, peakRssMb: Math.round(peakKb / 1024) };
  } finally {
    clearInterval(sampler);
    server.kill("SIGTERM");
  }
}
