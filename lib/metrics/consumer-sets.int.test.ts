// Distinct consumers from the bitmaps (metric_consumer_sets) must equal COUNT(DISTINCT user_id) over the raw
// product_read events — what the dashboards showed before the bitmaps — for every kind of range (whole
// months, ISO weeks, single days and mixes), overall and per domain, with readers in more than one chunk and
// recorded by concurrent recorders.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { recordMetricEvent, recordMetricEvents, type MetricEventInput } from "@/lib/metrics/record";
import { readDistinctConsumers, rangePieces, seriesPieces } from "@/lib/metrics/rollup-read";
import { addDays, parseRange } from "@/lib/metrics/period";
import { createDomain } from "@/prisma/seed/factories";

let domains: string[];
const YEAR = "2025"; // a year no other test file records reads in

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

beforeAll(async () => {
  domains = [(await createDomain()).id, (await createDomain()).id];
  const rnd = prng(7);
  const users = Array.from({ length: 120 }, () => randomUUID());
  const read = (user: string): MetricEventInput => ({
    type: "product_read",
    at: new Date(Date.parse(`${YEAR}-01-01T00:00:00Z`) + Math.floor(rnd() * 365 * 86_400_000)),
    domainId: domains[Math.floor(rnd() * 2)],
    productId: randomUUID(),
    userId: user,
  });
  // The first 60 readers get low numbers; then the numbering jumps past a chunk so later readers land in chunk ≥ 1.
  await recordMetricEvents(Array.from({ length: 600 }, () => read(users[Math.floor(rnd() * 60)])));
  await db.$executeRaw`SELECT setval('metric_consumers_n_seq', (SELECT max(n) FROM metric_consumers) + 5000)`;
  // Four recorders at once, sharing brand-new readers: none may lose a bit.
  await Promise.all(
    [0, 1, 2, 3].map(() => recordMetricEvents(Array.from({ length: 300 }, () => read(users[60 + Math.floor(rnd() * 60)])))),
  );
  for (let i = 0; i < 20; i++) await recordMetricEvent(read(users[Math.floor(rnd() * 120)]));
});

async function rawDistinct(from: string, to: string, domainId: string): Promise<number> {
  const [row] = await db.$queryRaw<Array<{ n: number }>>`
    SELECT count(DISTINCT user_id)::int AS n FROM metric_events
    WHERE type = 'product_read' AND at >= ${from}::date AND at < ${addDays(to, 1)}::date
      AND (${domainId} = '' OR domain_id = ${domainId || null}::uuid)`;
  return row.n;
}

describe("distinct consumers from the consumer bitmaps", () => {
  it("equal COUNT(DISTINCT user_id) over the raw reads for many ranges, overall and per domain", async () => {
    const rnd = prng(11);
    const ranges = [
      { from: `${YEAR}-01-01`, to: `${YEAR}-12-31` },
      { from: `${YEAR}-03-01`, to: `${YEAR}-03-31` },
      { from: `${YEAR}-03-03`, to: `${YEAR}-03-09` },
      { from: `${YEAR}-02-27`, to: `${YEAR}-02-27` },
      ...Array.from({ length: 16 }, () => {
        const a = addDays(`${YEAR}-01-01`, Math.floor(rnd() * 365));
        const b = addDays(`${YEAR}-01-01`, Math.floor(rnd() * 365));
        return a <= b ? { from: a, to: b } : { from: b, to: a };
      }),
    ];
    const pieces = ranges.flatMap((r, i) => rangePieces(`r${i}`, r));
    const got = await readDistinctConsumers(pieces, ["", ...domains]);
    let compared = 0;
    for (const [i, r] of ranges.entries())
      for (const d of ["", ...domains]) {
        // Overall ("") counts every reader in the database; the raw query does too.
        const n = got.find((g) => g.label === `r${i}` && g.domainId === d)?.n ?? 0;
        expect(n, `${r.from}..${r.to} domain ${d || "all"}`).toBe(await rawDistinct(r.from, r.to, d));
        compared++;
      }
    expect(compared).toBe(60);
    expect(got.find((g) => g.label === "r0" && g.domainId === "")?.n).toBeGreaterThan(100);
  });

  it("give the weekly series of a year the same per-week counts as the raw reads", async () => {
    const range = parseRange({ from: `${YEAR}-01-01`, to: `${YEAR}-12-31` }, new Date(`${YEAR}-12-31T12:00:00Z`));
    const pieces = seriesPieces("w:", range, "week");
    const got = await readDistinctConsumers(pieces, [domains[0]]);
    const labels = [...new Set(pieces.map((p) => p.label))];
    expect(labels.length).toBe(53);
    for (const label of labels) {
      const week = label.slice(2);
      const from = week < range.from ? range.from : week;
      const to = addDays(week, 6) > range.to ? range.to : addDays(week, 6);
      expect(got.find((g) => g.label === label)?.n ?? 0, label).toBe(await rawDistinct(from, to, domains[0]));
    }
  });
});
