// Dashboard speed with 1,000,000 recorded events. The events go into a scratch database (never the one
// in use) through the bulk recorder, so rollups are built exactly as in production; then each dashboard's
// query set is timed over 30 loads (p50 / p95, ms). Runs in a child process bound to the scratch database.
import { spawn } from "node:child_process";
import path from "node:path";
import { createScratchDatabase, ensureDatabase, REPO_ROOT } from "../scripts/embedded-db";
import { migrateDeploy } from "../scripts/prisma";

export type DashboardBench = {
  events: number;
  generateSeconds: number;
  eventsPerSecond: number;
  rollupRows: number;
  loads: number;
  meshDashboardMs: { p50: number; p95: number };
  meshDashboard365dMs: { p50: number; p95: number };
  domainDashboardMs: { p50: number; p95: number };
  rolloutMs: { p50: number; p95: number };
};

export async function benchDashboards(opts: { events?: number; loads?: number } = {}): Promise<DashboardBench> {
  const server = await ensureDatabase({ dbName: "postgres" });
  const scratch = await createScratchDatabase(server.url, "meshport_bench_metrics");
  try {
    await migrateDeploy(scratch.url);
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          path.join(REPO_ROOT, "node_modules", "tsx", "dist", "cli.mjs"),
          "--conditions=react-server",
          path.join(REPO_ROOT, "bench", "metrics-worker.ts"),
          String(opts.events ?? 1_000_000),
          String(opts.loads ?? 30),
        ],
        { cwd: REPO_ROOT, env: { ...process.env, DATABASE_URL: scratch.url, LOG_LEVEL: "warn" }, stdio: ["ignore", "pipe", "inherit"] },
      );
      let stdout = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
      child.on("error", reject);
      child.on("close", (code) => (code === 0 ? resolve(stdout) : reject(new Error(`metrics bench worker exited with ${code}`))));
    });
    const line = out.trim().split("\n").pop() ?? "{}";
    return JSON.parse(line) as DashboardBench;
  } finally {
    await scratch.drop();
    await server.stop?.();
  }
}

/** The rows for `npm run bench` (bench/sections.ts): its own scratch database, so the mesh bench data is untouched. */
export async function metricsSection(
  _url: string,
  opts: { quick: boolean },
): Promise<Array<{ area: string; metric: string; value: string; target?: string }>> {
  const r = await benchDashboards({ events: opts.quick ? 100_000 : 1_000_000 });
  const f = (x: { p50: number; p95: number }) => `${x.p50} / ${x.p95} ms`;
  const area = `metrics dashboards, ${r.events.toLocaleString("en")} events`;
  return [
    {
      area,
      metric: "bulk recording (events + rollups)",
      value: `${r.eventsPerSecond.toLocaleString("en")} events/s, ${r.rollupRows.toLocaleString("en")} rollup rows`,
    },
    { area, metric: `/metrics query set p50 / p95 (${r.loads} loads, 30/90/365 d)`, value: f(r.meshDashboardMs), target: "p95 < 100 ms" },
    { area, metric: "/metrics 365 d p50 / p95", value: f(r.meshDashboard365dMs), target: "p95 < 300 ms" },
    { area, metric: "/metrics/domains/<slug> query set p50 / p95", value: f(r.domainDashboardMs), target: "p95 < 300 ms" },
    { area, metric: "/metrics/rollout p50 / p95", value: f(r.rolloutMs) },
  ];
}

// `tsx bench/metrics.ts [events]` runs it alone.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(REPO_ROOT, "bench", "metrics.ts")) {
  benchDashboards({ events: process.argv[2] ? Number(process.argv[2]) : undefined })
    .then((r) => console.log(JSON.stringify(r, null, 2)))
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
