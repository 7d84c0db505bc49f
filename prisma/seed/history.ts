// A plausible year of mesh history for the demo, so the success dashboards have something true to show:
// domains move foundation → pilot (sales, marketing) → full rollout (all four), products are published
// along that timeline, reads and API requests grow with each stage, quality improves, consumers request
// access and rate products. Everything is recorded through the portal's own services and recording
// functions (bulk variants for the high-volume events), with a seeded PRNG: the same history every run.
//
// The products themselves were registered and published "now" by seedDemoProducts through the services;
// this module moves those timestamps back along the rollout timeline (registry rows and their
// product_registered / product_published events) and rebuilds those two rollup types from the raw events.
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/current-user";
import { rebuildRollups, recordMetricEvents, type MetricEventInput } from "@/lib/metrics/record";
import { setDomainStage } from "@/lib/metrics/rollout";
import { requestAccess } from "@/lib/consumers/request-access";
import { decideAccessRequest } from "@/lib/consumers/decide-access";
import { DEMO_REQUESTABLE } from "./demo-data";
import { rateProduct } from "@/lib/consumers/rate-product";
import { recordQualityRuns } from "@/lib/quality/record-quality-run";

const DAY = 86_400_000;
/** A timestamp for raw SQL, read as UTC like every stored event time. */
const utc = (d: Date) => Prisma.sql`(${d.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
const HISTORY_DAYS = 365;
const BATCH = 4_000;

/** mulberry32: tiny, fast, good enough for demo data, and deterministic. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    /** Poisson(λ) by Knuth's method (λ stays small here). */
    poisson: (lambda: number) => {
      if (lambda <= 0) return 0;
      const l = Math.exp(-Math.min(lambda, 30));
      let k = 0;
      let p = 1;
      do {
        k++;
        p *= next();
      } while (p > l);
      return k - 1;
    },
    /** Log-normal latency around `median` ms. */
    latency: (median: number, spread: number) => {
      const u = Math.max(next(), 1e-9);
      const v = next();
      const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
      return Math.max(1, Math.round(median * Math.exp(spread * z)));
    },
  };
}

type Stage = "foundation" | "pilot" | "full";
/** Day (0 = a year ago) from which each domain is in each stage: the seed text's phases. */
const ROLLOUT: Record<string, Array<[number, Stage]>> = {
  sales: [
    [40, "pilot"],
    [200, "full"],
  ],
  marketing: [
    [45, "pilot"],
    [205, "full"],
  ],
  finance: [
    [190, "pilot"],
    [300, "full"],
  ],
  operations: [
    [195, "pilot"],
    [305, "full"],
  ],
};
const STAGE_READS: Record<Stage, number> = { foundation: 0.4, pilot: 2.2, full: 5 };

function stageOn(domain: string, day: number): Stage {
  let s: Stage = "foundation";
  for (const [d, stage] of ROLLOUT[domain] ?? []) if (day >= d) s = stage;
  return s;
}

const FIRST = [
  "Alex",
  "Bea",
  "Chen",
  "Dana",
  "Emil",
  "Fatima",
  "Gus",
  "Hana",
  "Ivo",
  "Jade",
  "Kai",
  "Lena",
  "Mo",
  "Nina",
  "Omar",
  "Pia",
  "Quinn",
  "Rosa",
  "Sven",
  "Tara",
];
const LAST = ["Analyst", "Scientist", "Engineer", "Planner", "Controller"];

async function ensureConsumers(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const name = `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`;
    const email = `${name.toLowerCase().replace(/\s+/g, ".")}.${i + 1}@consumers.meshport.local`;
    // No password: these accounts exist for the history only and cannot sign in.
    const u = await db.user.upsert({
      where: { email },
      update: {},
      create: { email, name, roles: ["data_consumer"] },
      select: { id: true },
    });
    ids.push(u.id);
  }
  return ids;
}

async function principal(email: string): Promise<CurrentUser> {
  const u = await db.user.findUniqueOrThrow({
    where: { email },
    select: { id: true, email: true, name: true, roles: true, memberships: { select: { role: true, domain: { select: { slug: true } } } } },
  });
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    roles: u.roles,
    domains: Object.fromEntries(u.memberships.map((m) => [m.domain.slug, m.role])),
  };
}

async function flush(buffer: MetricEventInput[]): Promise<void> {
  while (buffer.length) await recordMetricEvents(buffer.splice(0, BATCH));
}

export async function seedHistory(now: Date = new Date()): Promise<{ events: number; ms: number }> {
  const started = Date.now();
  if ((await db.metricEvent.count({ where: { type: "product_read" } })) > 0) return { events: 0, ms: 0 };
  const rnd = prng(20260101);
  const start = now.getTime() - (HISTORY_DAYS - 1) * DAY;
  const dayStart = (d: number) => Math.floor(start / DAY) * DAY + d * DAY;
  const at = (d: number, hourFrom = 7, hourTo = 19) =>
    new Date(Math.min(now.getTime() - 60_000, dayStart(d) + rnd.int(hourFrom * 3600, hourTo * 3600) * 1000));
  const today = Math.floor((now.getTime() - dayStart(0)) / DAY);

  const admin = await principal("ada.admin@meshport.local");

  // 1. Rollout stages, through the service (each change records domain_stage_changed).
  for (const [slug, steps] of Object.entries(ROLLOUT)) {
    for (const [d, stage] of steps) if (d <= today) await setDomainStage(admin, { slug, stage }, at(d, 9, 11));
  }

  // 2. Move registrations and publications back along the timeline.
  const products = await db.dataProduct.findMany({
    select: {
      id: true,
      name: true,
      domainId: true,
      lifecycle: true,
      classification: true,
      publishedAt: true,
      domain: { select: { slug: true } },
    },
    orderBy: [{ createdAt: "asc" }],
  });
  type Timeline = {
    id: string;
    name: string;
    domain: string;
    domainId: string;
    lifecycle: string;
    classification: string;
    registered: number;
    published: number | null;
    firstRead: number | null;
    popularity: number;
  };
  const timeline: Timeline[] = products.map((p) => {
    const steps = ROLLOUT[p.domain.slug];
    const pilot = steps?.[0]?.[0] ?? 300;
    const wasPublished = p.publishedAt !== null;
    const published = wasPublished ? Math.min(today - 3, rnd.int(pilot, Math.min(today - 5, pilot + 140))) : null;
    const registered = published !== null ? published - rnd.int(3, 25) : rnd.int(today - 60, today - 1);
    // Consumers find products faster as the mesh matures: weeks in the pilot, days after full rollout.
    const delay = published === null ? null : stageOn(p.domain.slug, published) === "full" ? rnd.int(0, 4) : rnd.int(5, 21);
    const firstRead = published !== null && delay !== null && published + delay < today ? published + delay : null;
    return {
      id: p.id,
      name: p.name,
      domain: p.domain.slug,
      domainId: p.domainId,
      lifecycle: p.lifecycle,
      classification: p.classification,
      registered,
      published,
      firstRead,
      popularity: 0.3 + rnd.next() * 1.7,
    };
  });
  for (const t of timeline) {
    const reg = at(t.registered, 8, 10);
    const pub = t.published !== null ? at(t.published, 13, 17) : null;
    await db.$transaction([
      db.dataProduct.update({ where: { id: t.id }, data: { createdAt: reg, ...(pub ? { publishedAt: pub } : {}) } }),
      db.$executeRaw`UPDATE data_product_versions SET created_at = ${utc(reg)} WHERE product_id = ${t.id}::uuid AND version = '1.0.0'`,
      db.$executeRaw`UPDATE data_product_versions SET created_at = ${utc(pub ?? reg)} + interval '2 days' WHERE product_id = ${t.id}::uuid AND version <> '1.0.0'`,
      db.$executeRaw`UPDATE lifecycle_events SET at = ${utc(reg)} WHERE product_id = ${t.id}::uuid AND to_state IN ('draft', 'in_review')`,
      db.$executeRaw`UPDATE lifecycle_events SET at = ${utc(pub ?? reg)} WHERE product_id = ${t.id}::uuid AND to_state = 'published'`,
      db.$executeRaw`UPDATE lifecycle_events SET at = ${utc(new Date(Math.min(now.getTime() - 3_600_000, (pub ?? reg).getTime() + 120 * DAY)))} WHERE product_id = ${t.id}::uuid AND to_state IN ('deprecated', 'retired')`,
      db.$executeRaw`UPDATE metric_events SET at = ${utc(reg)} WHERE product_id = ${t.id}::uuid AND type = 'product_registered'`,
      db.$executeRaw`UPDATE metric_events SET at = ${utc(pub ?? reg)}, duration_ms = ${pub ? pub.getTime() - reg.getTime() : null} WHERE product_id = ${t.id}::uuid AND type = 'product_published'`,
    ]);
  }
  await rebuildRollups(["product_registered", "product_published"]);

  // 3. Consumers, reads and API traffic, day by day. The consumer base grows with the rollout.
  const consumerIds = await ensureConsumers(60);
  const carla = await principal("carla.consumer@meshport.local");
  const allConsumers = [carla.id, ...consumerIds];
  const joinDay = allConsumers.map((_, i) => (i === 0 ? 30 : Math.round(40 + Math.pow(i / allConsumers.length, 0.8) * (today - 50))));
  // Two incidents: a marketing outage in the pilot, a finance one after full rollout.
  const outages: Array<{ domain: string; day: number }> = [
    { domain: "marketing", day: 120 },
    { domain: "finance", day: 320 },
  ];
  const buffer: MetricEventInput[] = [];
  let events = 0;
  for (let d = 0; d <= today; d++) {
    const active = allConsumers.filter((_, i) => joinDay[i] <= d);
    const maturity = 0.6 + (0.8 * d) / HISTORY_DAYS;
    for (const t of timeline) {
      if (t.firstRead === null || d < t.firstRead) continue;
      if (t.lifecycle === "retired" && d > (t.published ?? 0) + 120) continue;
      const stage = stageOn(t.domain, d);
      const deprecated = t.lifecycle !== "published" && d > (t.published ?? 0) + 120;
      const lambda = STAGE_READS[stage] * t.popularity * maturity * (deprecated ? 0.2 : 1);
      const reads = d === t.firstRead ? Math.max(1, rnd.poisson(lambda)) : rnd.poisson(lambda);
      const outage = outages.some((o) => o.domain === t.domain && o.day === d);
      for (let r = 0; r < reads; r++) {
        const when = d === t.firstRead && r === 0 ? at(d, 9, 10) : at(d);
        const userId = active.length ? rnd.pick(active) : carla.id;
        const roll = rnd.next();
        const status = outage && roll < 0.6 ? 503 : roll < 0.003 ? 500 : roll < 0.012 ? 404 : 200;
        // The latency median falls as the platform matures (caching, better templates).
        const durationMs = rnd.latency(status >= 500 ? 900 : 75 - (25 * d) / HISTORY_DAYS, 0.6);
        buffer.push({
          type: "api_request",
          at: when,
          productId: t.id,
          domainId: t.domainId,
          userId,
          durationMs,
          status,
          meta: { source: "seed-history" },
        });
        if (status === 200)
          buffer.push({ type: "product_read", at: when, productId: t.id, domainId: t.domainId, userId, value: rnd.int(20, 2000) });
      }
      // Health probe twice a day of every published product's endpoint.
      if (t.published !== null && d >= t.published) {
        for (const hour of [3, 15]) {
          const down = outage && hour === 15;
          buffer.push({
            type: "health_probe",
            at: new Date(Math.min(now.getTime() - 60_000, dayStart(d) + hour * 3_600_000)),
            productId: t.id,
            domainId: t.domainId,
            status: down ? 503 : 200,
            durationMs: rnd.latency(down ? 5000 : 18, 0.3),
          });
        }
      }
    }
    if (buffer.length >= BATCH) {
      events += buffer.length;
      await flush(buffer);
    }
  }

  // 4. Platform runs: provisioning at publication (faster as templates mature), weekly ingestion loads.
  for (const t of timeline) {
    if (t.published === null) continue;
    buffer.push({
      type: "provisioning_run",
      at: at(t.published - 1, 10, 12),
      productId: t.id,
      domainId: t.domainId,
      userId: admin.id,
      durationMs: rnd.latency(90_000 - (60_000 * t.published) / HISTORY_DAYS, 0.35),
      status: rnd.next() < 0.05 ? 1 : 0,
      meta: { source: "seed-history" },
    });
    for (let d = t.published; d <= today; d += 7) {
      const rows = rnd.int(5_000, 400_000);
      buffer.push({
        type: "ingestion_run",
        at: at(d, 1, 4),
        productId: t.id,
        domainId: t.domainId,
        value: rows,
        durationMs: Math.round(rows / rnd.int(40, 120)) + rnd.int(300, 2000),
        meta: { source: "seed-history" },
      });
    }
  }
  events += buffer.length;
  await flush(buffer);

  // 5. Quality runs weekly per published product, improving as domains mature.
  const runs: Parameters<typeof recordQualityRuns>[0] = [];
  // Mature domains meet their policies' quality bars (accuracy 97–99.5 %, consistency 99 %); every 13th
  // published product has slipped below them since publication, so the governance overview has a story.
  let nth = 0;
  for (const t of timeline) {
    if (t.published === null) continue;
    const slipped = nth++ % 13 === 5;
    const base = (slipped ? 88 : 92.5) + rnd.next() * 2.5;
    for (let d = t.published; d <= today; d += 7) {
      const lift = stageOn(t.domain, d) === "full" ? 6.5 : stageOn(t.domain, d) === "pilot" ? 4 : 0;
      const jitter = () => (rnd.next() - 0.5) * 1.2;
      const clamp = (v: number) => Math.max(50, Math.min(100, Math.round(v * 100) / 100));
      runs.push({
        productId: t.id,
        domainId: t.domainId,
        at: at(d, 4, 5),
        rowsChecked: rnd.int(5_000, 400_000),
        metrics: {
          completeness: clamp(base + lift + 1.5 + jitter()),
          accuracy: clamp(base + lift + 2 + jitter()),
          consistency: clamp(base + lift + 1.8 + jitter()),
        },
      });
    }
  }
  for (let i = 0; i < runs.length; i += BATCH) await recordQualityRuns(runs.slice(i, i + BATCH));
  events += runs.length;

  // 6. Access requests and decisions through the services: grants get faster over the year. Only for
  // confidential and restricted products: consumers read public and internal data without asking.
  const published = timeline.filter((t) => t.lifecycle === "published" && t.published !== null);
  // The demo's own requestable product stays untouched, so its request → approve → preview journey starts fresh.
  const requestable = published.filter(
    (t) =>
      (t.classification === "confidential" || t.classification === "restricted") &&
      !(t.domain === DEMO_REQUESTABLE.domain && t.name === DEMO_REQUESTABLE.name),
  );
  const greta = await principal("greta.governance@meshport.local");
  const sam = await principal("sam.sales@meshport.local");
  const requesters = [
    carla,
    ...(await Promise.all(
      consumerIds
        .slice(0, 30)
        .map((id) => db.user.findUniqueOrThrow({ where: { id }, select: { email: true } }).then((u) => principal(u.email))),
    )),
  ];
  const pairs = new Set<string>();
  let requests = 0;
  const salesPublished = requestable.filter((t) => t.domain === "sales");
  for (let i = 0; i < 140; i++) {
    // The last few stay pending, on sales products, so Sam (sales owner) has an inbox to work through.
    const pendingOne = i >= 134 && salesPublished.length > 0;
    if (requestable.length === 0) break;
    // Carla's own history stays outside sales, so the demo (and its e2e journeys) can ask Sam for a sales product.
    const who = i < 4 ? carla : rnd.pick(requesters.slice(1));
    const pool = who === carla ? requestable.filter((r) => r.domain !== "sales") : requestable;
    if (pool.length === 0) continue;
    const t = pendingOne ? salesPublished[i % salesPublished.length] : rnd.pick(pool);
    if (pairs.has(`${who.id}:${t.id}`)) continue;
    pairs.add(`${who.id}:${t.id}`);
    const day = pendingOne ? today - rnd.int(0, 3) : rnd.int(t.published! + 1, today - 2);
    if (day <= t.published!) continue;
    const asked = at(day, 8, 12);
    const { id } = await requestAccess(
      who,
      {
        productId: t.id,
        purpose: `Analysis for the ${t.domain} ${rnd.pick(["quarterly review", "forecast model", "churn study", "board report", "pricing analysis"])}`,
      },
      asked,
    );
    requests++;
    if (pendingOne) continue;
    const hours = Math.max(0.25, (72 - (66 * day) / HISTORY_DAYS) * (0.4 + rnd.next()));
    const decided = new Date(Math.min(now.getTime() - 60_000, asked.getTime() + hours * 3_600_000));
    const approver = t.domain === "sales" ? sam : admin;
    const first = await decideAccessRequest(
      approver,
      { requestId: id, decision: rnd.next() < 0.86 ? "approve" : "deny", note: "" },
      decided,
    );
    // Restricted data: governance takes the second step a little later.
    if (first.status === "awaiting_governance")
      await decideAccessRequest(
        greta,
        { requestId: id, decision: "approve", note: "" },
        new Date(Math.min(now.getTime() - 30_000, decided.getTime() + 3_600_000)),
      );
  }

  // 7. Ratings and reviews, getting better as the mesh matures.
  const reviews = [
    "Exactly what our weekly report needed.",
    "Well documented, fields are clear.",
    "Freshness could be better.",
    "Great quality since the last release.",
    "Hard to join with our data at first, better now.",
    "",
  ];
  let ratings = 0;
  for (const t of published) {
    const raters = rnd.int(2, 9);
    for (let r = 0; r < raters; r++) {
      const who = rnd.pick(requesters);
      const day = rnd.int(t.published! + 2, today);
      if (day > today) continue;
      const mood = 3 + (2 * day) / HISTORY_DAYS + (rnd.next() - 0.5) * 2;
      await rateProduct(who, { productId: t.id, score: Math.max(1, Math.min(5, Math.round(mood))), review: rnd.pick(reviews) }, at(day));
      ratings++;
    }
  }
  events += requests * 2 + ratings;
  return { events, ms: Date.now() - started };
}
