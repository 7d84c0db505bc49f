import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { recordMetricEvent } from "@/lib/metrics/record";
import { createDomain } from "@/prisma/seed/factories";

describe("recordMetricEvent", () => {
  it("stores the raw event and folds it into overall, domain and product rollups", async () => {
    const domain = await createDomain();
    const productId = "00000000-0000-4000-8000-0000000000aa";
    const at = new Date("2026-03-04T10:00:00Z");
    await recordMetricEvent({ type: "api_request", at, domainId: domain.id, productId, durationMs: 40, status: 200 });
    await recordMetricEvent({ type: "api_request", at, domainId: domain.id, productId, durationMs: 60, status: 500, flagged: true });
    await recordMetricEvent({ type: "api_request", at, durationMs: 10 });
    const rows = await db.metricRollup.findMany({ where: { type: "api_request", day: new Date("2026-03-04") }, orderBy: [{ domainId: "asc" }, { productId: "asc" }] });
    const overall = rows.find((r) => r.domainId === "" && r.productId === "")!;
    const perDomain = rows.find((r) => r.domainId === domain.id && r.productId === "")!;
    const perProduct = rows.find((r) => r.productId === productId)!;
    expect(Number(overall.count)).toBe(3);
    expect(overall.sum).toBe(110);
    expect(Number(perDomain.count)).toBe(2);
    expect(perDomain.min).toBe(40);
    expect(perDomain.max).toBe(60);
    expect(Number(perProduct.flagged)).toBe(1);
    expect(await db.metricEvent.count({ where: { type: "api_request" } })).toBe(3);
  });
});
