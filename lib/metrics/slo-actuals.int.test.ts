// A product's service levels as measured: known events of one fresh product, exact figures.
import { beforeAll, describe, expect, it } from "vitest";
import { recordMetricEvent } from "@/lib/metrics/record";
import { productSloActuals } from "@/lib/metrics/queries";
import { createDomainWithOwner, createPublishedProduct, type PublishedProduct } from "@/prisma/seed/metrics-factories";

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);
let measured: PublishedProduct;
let quiet: PublishedProduct;

beforeAll(async () => {
  const { domain, owner } = await createDomainWithOwner();
  measured = await createPublishedProduct(domain, owner);
  quiet = await createPublishedProduct(domain, owner);
  const ev = { productId: measured.id, domainId: domain.id };
  // 20 data API answers: 100, 200, …, 2000 ms; one of them a 503 (down); a 404 is the API answering.
  for (let i = 1; i <= 20; i++) {
    await recordMetricEvent({
      type: "api_request",
      at: ago(60 * i),
      durationMs: i * 100,
      status: i === 7 ? 503 : i === 8 ? 404 : 200,
      ...ev,
    });
  }
  // 4 health probes, one unreachable (status 0).
  for (const status of [200, 200, 0, 401]) await recordMetricEvent({ type: "health_probe", at: ago(30), status, durationMs: 5, ...ev });
  // Outside the 30 days: neither counted nor slowing the percentile.
  await recordMetricEvent({ type: "api_request", at: ago(31 * 1440), durationMs: 99_999, status: 500, ...ev });
  // The last successful load 90 minutes ago; a failed load since does not make the data fresher.
  await recordMetricEvent({ type: "ingestion_run", at: ago(90), value: 10, durationMs: 50, meta: { status: "succeeded" }, ...ev });
  await recordMetricEvent({
    type: "ingestion_run",
    at: ago(10),
    value: 0,
    durationMs: 50,
    flagged: true,
    meta: { status: "failed" },
    ...ev,
  });
});

describe("a product's service levels as measured", () => {
  it("counts availability over requests and probes, the p95 of answer times and the age of the last good load", async () => {
    const a = await productSloActuals(measured.id);
    expect(a.samples).toBe(24);
    expect(a.requests).toBe(20);
    // 2 down (the 503 and the unreachable probe) of 24.
    expect(a.availability).toBeCloseTo((22 / 24) * 100, 10);
    // percentile_cont(0.95) over 100..2000: position 0.95 × 19 = 18.05 → 1900 + 0.05 × 100.
    expect(a.latencyP95Ms).toBeCloseTo(1905, 6);
    expect(a.minutesSinceLoad).toBeGreaterThanOrEqual(90);
    expect(a.minutesSinceLoad).toBeLessThan(95);
  });

  it("reports nothing measured for a product without events", async () => {
    expect(await productSloActuals(quiet.id)).toEqual({
      days: 30,
      samples: 0,
      availability: null,
      latencyP95Ms: null,
      requests: 0,
      minutesSinceLoad: null,
    });
  });
});
