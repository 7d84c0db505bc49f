import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { runHealthProbe } from "@/lib/metrics/health-probe";
import { uid } from "@/prisma/seed/factories";
import { createDomainWithOwner, createPublishedProduct } from "@/prisma/seed/metrics-factories";

describe("runHealthProbe", () => {
  it("records an available probe for a reachable table and an unavailable one for a missing table", async () => {
    const { domain, owner } = await createDomainWithOwner();
    const up = await createPublishedProduct(domain, owner);
    const down = await createPublishedProduct(domain, owner);
    const schema = `h9_probe_${uid()}`;
    await db.$executeRawUnsafe(`CREATE SCHEMA ${schema}`);
    await db.$executeRawUnsafe(`CREATE TABLE ${schema}.t (id int)`);
    await db.deployment.create({
      data: { productId: up.id, environment: "production", status: "active", schemaName: schema, tableName: "t" },
    });
    await db.deployment.create({
      data: { productId: down.id, environment: "production", status: "active", schemaName: schema, tableName: "gone" },
    });

    const results = await runHealthProbe();
    expect(results.find((r) => r.productId === up.id)?.status).toBe(200);
    expect(results.find((r) => r.productId === down.id)?.status).toBe(503);
    const rollup = await db.metricRollup.findFirstOrThrow({ where: { type: "health_probe", domainId: domain.id, productId: "" } });
    expect(Number(rollup.count)).toBe(2);
    expect(Number(rollup.flagged)).toBe(1);
  });
});
