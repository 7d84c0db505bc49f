import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { flushMetricBatch, rebuildRollups, recordMetricEvent, recordMetricEvents, recordMetricEventsBatched } from "@/lib/metrics/record";
import { createDomain } from "@/prisma/seed/factories";

describe("recordMetricEvent", () => {
  it("stores the raw event and folds it into overall, domain and product rollups", async () => {
    const domain = await createDomain();
    const productId = "00000000-0000-4000-8000-0000000000aa";
    const at = new Date("2026-03-04T10:00:00Z");
    await recordMetricEvent({ type: "api_request", at, domainId: domain.id, productId, durationMs: 40, status: 200 });
    await recordMetricEvent({ type: "api_request", at, domainId: domain.id, productId, durationMs: 60, status: 500, flagged: true });
    await recordMetricEvent({ type: "api_request", at, durationMs: 10 });
    const rows = await db.metricRollup.findMany({
      where: { type: "api_request", day: new Date("2026-03-04") },
      orderBy: [{ domainId: "asc" }, { productId: "asc" }],
    });
    const overall = rows.find((r) => r.domainId === "" && r.productId === "")!;
    const perDomain = rows.find((r) => r.domainId === domain.id && r.productId === "")!;
    const perProduct = rows.find((r) => r.productId === productId)!;
    expect(Number(overall.count)).toBe(3);
    expect(overall.sum).toBe(110);
    expect(Number(perDomain.count)).toBe(2);
    expect(perDomain.min).toBe(40);
    expect(perDomain.max).toBe(60);
    expect(Number(perProduct.flagged)).toBe(1);
    // Scoped to this test's timestamp: other test files share the database.
    expect(await db.metricEvent.count({ where: { type: "api_request", at } })).toBe(3);
  });
});

describe("recordMetricEvents (bulk)", () => {
  it("leaves the same rollups as recording one by one, including histogram and consumer rows", async () => {
    const domain = await createDomain();
    const productId = "00000000-0000-4000-8000-0000000000bb";
    const userA = "00000000-0000-4000-8000-00000000000a";
    const userB = "00000000-0000-4000-8000-00000000000b";
    const day = new Date("2026-05-06T08:00:00Z");
    const events = [
      { type: "api_request" as const, at: day, domainId: domain.id, productId, durationMs: 40, status: 200 },
      { type: "api_request" as const, at: day, domainId: domain.id, productId, durationMs: 400, status: 503 },
      { type: "api_request" as const, at: day, domainId: domain.id, productId, durationMs: 45, status: 404 },
      { type: "product_read" as const, at: day, domainId: domain.id, productId, userId: userA },
      { type: "product_read" as const, at: day, domainId: domain.id, productId, userId: userA },
      { type: "product_read" as const, at: new Date("2026-05-06T23:59:59Z"), domainId: domain.id, productId, userId: userB },
    ];
    await recordMetricEvents(events);
    const rows = await db.metricRollup.findMany({ where: { day: new Date("2026-05-06"), domainId: domain.id } });
    const get = (type: string, p = "") => rows.find((r) => r.type === type && r.productId === p);
    // 5xx counts against availability, a 404 does not
    expect(Number(get("api_request")!.count)).toBe(3);
    expect(Number(get("api_request")!.flagged)).toBe(1);
    expect(Number(get("api_request:le:50")!.count)).toBe(2);
    expect(Number(get("api_request:le:500")!.count)).toBe(1);
    expect(Number(get("product_read")!.count)).toBe(3);
    // Readers are not counter rows: each has a bit in the day's, week's and month's consumer set.
    expect(rows.filter((r) => r.type.startsWith("active_consumer"))).toEqual([]);
    const sets = await db.$queryRaw<Array<{ grain: string; day: string; readers: string[] }>>`
      SELECT s.grain, s.day::text AS day, array_agg(c.user_id::text ORDER BY c.user_id) AS readers
      FROM metric_consumer_sets s JOIN metric_consumers c ON c.n / 4096 = s.chunk AND substring(s.bits from c.n % 4096 + 1 for 1) = B'1'
      WHERE s.domain_id = ${domain.id} GROUP BY 1, 2 ORDER BY 1`;
    expect(sets).toEqual([
      { grain: "day", day: "2026-05-06", readers: [userA, userB] },
      { grain: "month", day: "2026-05-01", readers: [userA, userB] },
      { grain: "week", day: "2026-05-04", readers: [userA, userB] },
    ]);
  });

  it("rebuildRollups reproduces the rollups from raw events after timestamps move", async () => {
    const domain = await createDomain();
    const productId = "00000000-0000-4000-8000-0000000000cc";
    await recordMetricEvent({
      type: "product_published",
      at: new Date("2026-07-01T10:00:00Z"),
      domainId: domain.id,
      productId,
      durationMs: 1000,
    });
    await db.$executeRaw`UPDATE metric_events SET at = '2026-01-15 10:00:00' WHERE product_id = ${productId}::uuid AND type = 'product_published'`;
    await rebuildRollups(["product_published"]);
    const rows = await db.metricRollup.findMany({ where: { type: "product_published", productId } });
    expect(rows.map((r) => r.day.toISOString().slice(0, 10))).toEqual(["2026-01-15"]);
  });
});

describe("recordMetricEventsBatched (the data API's per-request events)", () => {
  it("writes the events of many requests in one batch, each at the time it happened, with the same rollups", async () => {
    const domain = await createDomain();
    const productId = "00000000-0000-4000-8000-0000000000d1";
    const at = new Date("2026-03-05T09:00:00Z");
    for (let i = 0; i < 30; i++)
      recordMetricEventsBatched([
        { type: "api_request", at, domainId: domain.id, productId, durationMs: 10 + i, status: 200 },
        { type: "product_read", at, domainId: domain.id, productId },
      ]);
    const untimed = Date.now();
    recordMetricEventsBatched([{ type: "product_read", domainId: domain.id, productId }]);
    await flushMetricBatch();
    expect(await db.metricEvent.count({ where: { type: "api_request", productId, at } })).toBe(30);
    const perProduct = await db.metricRollup.findFirstOrThrow({ where: { type: "api_request", productId, day: new Date("2026-03-05") } });
    expect(Number(perProduct.count)).toBe(30);
    expect(perProduct.min).toBe(10);
    expect(perProduct.max).toBe(39);
    const last = await db.metricEvent.findFirstOrThrow({ where: { type: "product_read", productId, at: { gt: at } } });
    expect(Math.abs(last.at.getTime() - untimed)).toBeLessThan(5_000);
  });

  it("writes on its own after a few milliseconds, without a flush", async () => {
    const productId = "00000000-0000-4000-8000-0000000000d2";
    recordMetricEventsBatched([{ type: "api_request", productId, durationMs: 5, status: 200 }]);
    const end = Date.now() + 10_000;
    while ((await db.metricEvent.count({ where: { productId } })) === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    expect(await db.metricEvent.count({ where: { productId } })).toBe(1);
  });
});
