// Child process of benchDashboards(): runs against the scratch database in DATABASE_URL, generates the
// events through the bulk recorder, then times the dashboards' query sets. Prints one JSON line.
import { performance } from "node:perf_hooks";
import { db } from "@/lib/db";
import { recordMetricEvents, type MetricEventInput, type MetricEventType } from "@/lib/metrics/record";
import { domainBreakdown, loadDashboard, productBreakdown } from "@/lib/metrics/queries";
import { storageEfficiency } from "@/lib/metrics/storage";
import { rolloutOverview } from "@/lib/metrics/rollout";
import { parseRange } from "@/lib/metrics/period";
import { summarize } from "./stats";

const EVENTS = Number(process.argv[2] ?? 1_000_000);
const LOADS = Number(process.argv[3] ?? 30);
// `--reuse`: time a database this worker filled before (bench/metrics.ts --url), without generating again.
const REUSE = process.argv.includes("--reuse");
const DAY = 86_400_000;

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function main() {
  if (REUSE) {
    const domains = await db.domain.findMany({
      where: { slug: { startsWith: "bench-" } },
      select: { id: true, slug: true },
      orderBy: { slug: "asc" },
    });
    if (domains.length === 6) return measure(domains, { generateMs: NaN });
  }
  const rnd = prng(42);
  const domains: Array<{ id: string; slug: string }> = [];
  for (let i = 0; i < 6; i++)
    domains.push(
      await db.domain.create({
        data: { slug: `bench-${i}`, name: `Bench ${i}`, ownerTeam: `bench${i}@company.com` },
        select: { id: true, slug: true },
      }),
    );
  await db.dataProduct.createMany({
    data: Array.from({ length: 240 }, (_, i) => ({
      domainId: domains[i % 6].id,
      name: `bench-product-${i}`,
      owner: "bench@company.com",
      description: "Benchmark product",
      classification: "internal" as const,
      lifecycle: "published" as const,
      currentVersion: "1.0.0",
      tags: [],
      spec: {},
    })),
  });
  const products = await db.dataProduct.findMany({ select: { id: true, domainId: true } });
  const users = Array.from({ length: 2_000 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`);
  const now = Date.now();
  const mix: Array<[MetricEventType, number]> = [
    ["api_request", 0.45],
    ["product_read", 0.4],
    ["health_probe", 0.1],
    ["quality_run", 0.02],
    ["ingestion_run", 0.015],
    ["access_granted", 0.005],
    ["access_requested", 0.005],
    ["product_published", 0.005],
  ];
  const started = performance.now();
  let made = 0;
  while (made < EVENTS) {
    const batch: MetricEventInput[] = [];
    for (let i = 0; i < 5_000 && made < EVENTS; i++, made++) {
      let r = rnd();
      let type: MetricEventType = "api_request";
      for (const [t, share] of mix) {
        if (r < share) {
          type = t;
          break;
        }
        r -= share;
      }
      const p = products[Math.floor(rnd() * products.length)];
      const at = new Date(now - Math.floor(rnd() * 365 * DAY));
      const status = rnd() < 0.004 ? 503 : 200;
      batch.push({
        type,
        at,
        productId: p.id,
        domainId: p.domainId,
        userId: type === "product_read" || type === "access_granted" ? users[Math.floor(rnd() * users.length)] : null,
        durationMs:
          type === "api_request" || type === "ingestion_run"
            ? Math.round(20 + rnd() * rnd() * 2_000)
            : type === "access_granted"
              ? Math.round(rnd() * 72 * 3_600_000)
              : null,
        value: type === "quality_run" ? 70 + rnd() * 30 : null,
        status: type === "api_request" || type === "health_probe" ? status : null,
      });
    }
    await recordMetricEvents(batch);
  }
  const generateMs = performance.now() - started;
  await db.$executeRawUnsafe("VACUUM ANALYZE metric_events");
  await db.$executeRawUnsafe("VACUUM ANALYZE metric_rollups");
  return measure(domains, { generateMs });
}

async function measure(domains: Array<{ id: string; slug: string }>, { generateMs }: { generateMs: number }) {
  const rollupRows = await db.metricRollup.count();

  const ranges = ["30d", "90d", "365d"].map((r) => parseRange({ range: r }));
  const time = async (fn: (i: number) => Promise<unknown>) => {
    for (let i = 0; i < 3; i++) await fn(i); // warm-up: the pool's connections and each range (30/90/365 d) once
    const ms: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      const t0 = performance.now();
      await fn(i);
      ms.push(performance.now() - t0);
    }
    const { p50, p95 } = summarize(ms);
    return { p50: Math.round(p50 * 10) / 10, p95: Math.round(p95 * 10) / 10 };
  };
  const figures = {
    events: EVENTS,
    generateSeconds: Math.round(generateMs / 100) / 10,
    eventsPerSecond: Math.round(EVENTS / (generateMs / 1000)),
    rollupRows,
    loads: LOADS,
    // What /metrics renders: the dashboard, storage and the per-domain table.
    meshDashboardMs: await time((i) =>
      Promise.all([loadDashboard({}, ranges[i % 3]), storageEfficiency({}), domainBreakdown(ranges[i % 3])]),
    ),
    meshDashboard365dMs: await time(() => Promise.all([loadDashboard({}, ranges[2]), storageEfficiency({}), domainBreakdown(ranges[2])])),
    // What /metrics/domains/<slug> renders.
    domainDashboardMs: await time((i) =>
      Promise.all([
        loadDashboard({ domainId: domains[i % 6].id }, ranges[i % 3]),
        storageEfficiency({ domainId: domains[i % 6].id }),
        productBreakdown(domains[i % 6].id, ranges[i % 3], { page: 1, pageSize: 20 }),
      ]),
    ),
    rolloutMs: await time(() => rolloutOverview()),
  };
  console.log(JSON.stringify(figures));
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
