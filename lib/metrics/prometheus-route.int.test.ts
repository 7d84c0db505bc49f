// /api/metrics: 404 while no token is configured, 401 without or with a wrong token, 200 with the
// Prometheus text of the recorded figures otherwise.
import { afterEach, describe, expect, it, vi } from "vitest";
import { recordMetricEvent } from "@/lib/metrics/record";
import { createDomainWithOwner, createPublishedProduct } from "@/prisma/seed/metrics-factories";

const TOKEN = "test-token-0123456789abcdef";

async function route(token: string | undefined) {
  vi.resetModules();
  if (token === undefined) delete process.env.METRICS_TOKEN;
  else process.env.METRICS_TOKEN = token;
  return import("@/app/api/metrics/route");
}
const get = (mod: Awaited<ReturnType<typeof route>>, auth?: string) =>
  mod.GET(new Request("http://localhost/api/metrics", { headers: auth ? { authorization: auth } : {} }));

afterEach(() => {
  delete process.env.METRICS_TOKEN;
});

describe("/api/metrics", () => {
  it("does not exist while METRICS_TOKEN is unset", async () => {
    expect((await get(await route(undefined), `Bearer ${TOKEN}`)).status).toBe(404);
  });

  it("answers 401 without a token or with a wrong one", async () => {
    const mod = await route(TOKEN);
    for (const auth of [undefined, "Bearer wrong-token", `Basic ${TOKEN}`, `Bearer ${TOKEN}x`]) {
      const res = await get(mod, auth);
      expect(res.status).toBe(401);
      expect(await res.text()).not.toContain("meshport_");
    }
  });

  it("serves the figures in Prometheus text format with the right token", async () => {
    const { domain, owner } = await createDomainWithOwner();
    const product = await createPublishedProduct(domain, owner);
    for (let i = 0; i < 3; i++)
      await recordMetricEvent({ type: "product_read", productId: product.id, domainId: domain.id, userId: owner.id });
    await recordMetricEvent({ type: "api_request", productId: product.id, domainId: domain.id, durationMs: 42, status: 200 });
    await recordMetricEvent({ type: "api_request", productId: product.id, domainId: domain.id, durationMs: 900, status: 500 });
    const res = await get(await route(TOKEN), `Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain; version=0.0.4");
    const text = await res.text();
    expect(text).toContain("# TYPE meshport_product_reads_total counter");
    expect(text).toContain(`meshport_product_reads_total{domain="${domain.slug}"} 3`);
    expect(text).toContain(`meshport_api_requests_total{domain="${domain.slug}"} 2`);
    expect(text).toContain(`meshport_api_errors_total{domain="${domain.slug}"} 1`);
    expect(text).toContain(`meshport_data_products{domain="${domain.slug}",lifecycle="published"} 1`);
    expect(text).toContain(`meshport_api_availability_ratio{domain="${domain.slug}"} 0.5`);
    expect(text).toMatch(/meshport_api_request_duration_ms_bucket\{le="\+Inf"\} \d+/);
  });
});
