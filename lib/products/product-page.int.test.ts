// The product page's reads against the real PostgreSQL: how many SQL statements one view runs (the page
// loads the product once, the consumer section once, the deployments once, plus the session), and that the
// one-statement reads answer exactly what the per-table reads they replace answer.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getProductPage } from "@/lib/products/queries";
import { latestValidation } from "@/lib/governance/compliance/validate-products.db";
import { listReviews, myRating, productAccessState, productConsumerView, ratingSummary } from "@/lib/consumers/queries";
import { listQualityRuns, recordQualityRun } from "@/lib/quality/record-quality-run";
import { getJob, listDeployments } from "@/lib/provisioning/queries";
import { productUsage } from "@/lib/metrics/queries";
import { recordMetricEvent } from "@/lib/metrics/record";
import { createPrincipal, uid } from "@/prisma/seed/factories";
import { createDomainWithOwner, createPublishedProduct } from "@/prisma/seed/metrics-factories";
import type { CurrentUser } from "@/lib/auth/current-user";

// Every statement any pool sends (Prisma's adapter and the pg pool both end in Client#query), BEGIN and
// COMMIT included.
const statements: string[] = [];
const original = pg.Client.prototype.query;
beforeAll(() => {
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const q = args[0] as string | { text?: string };
    statements.push(typeof q === "string" ? q : (q?.text ?? String(q)));
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
});
afterAll(() => {
  pg.Client.prototype.query = original;
});

async function counted<T>(fn: () => Promise<T>): Promise<{ result: T; sql: string[] }> {
  statements.length = 0;
  const result = await fn();
  return { result, sql: [...statements] };
}

const at = (s: string) => new Date(`2026-03-0${s}Z`);

async function seed() {
  const { domain, owner } = await createDomainWithOwner();
  const template = await db.template.create({ data: { key: `tpl-${uid()}`, name: "Analytics table", config: {} } });
  const product = await createPublishedProduct(domain, owner);
  await db.dataProduct.update({ where: { id: product.id }, data: { templateId: template.id, templateVersion: 2 } });
  const consumers: CurrentUser[] = [];
  for (let i = 0; i < 5; i++) consumers.push(await createPrincipal(["data_consumer"]));
  const [me, other] = consumers;

  // Validations: the newer one is the one the card shows, acknowledged by the owner.
  const base = { productId: product.id, productVersion: "1.0.0", findings: [], trigger: "manual" };
  await db.productValidation.create({ data: { ...base, status: "failing", errors: 2, warnings: 0, createdAt: at("1T08:00:00") } });
  await db.productValidation.create({
    data: {
      ...base,
      status: "warnings",
      errors: 0,
      warnings: 1,
      createdAt: at("2T09:30:00.123"),
      acknowledgedAt: at("2T10:00:00"),
      acknowledgedById: owner.id,
    },
  });

  // Access: my request was denied and asked again (pending); another consumer's is pending too.
  await db.accessRequest.create({
    data: {
      productId: product.id,
      requesterId: me.id,
      purpose: "First try",
      status: "denied",
      decisionNote: "No",
      createdAt: at("1T10:00:00"),
      decidedAt: at("1T11:00:00"),
    },
  });
  await db.accessRequest.create({
    data: { productId: product.id, requesterId: me.id, purpose: "Churn analysis again", createdAt: at("3T10:00:00") },
  });
  await db.accessRequest.create({
    data: { productId: product.id, requesterId: other.id, purpose: "Revenue report", createdAt: at("3T11:00:00") },
  });

  // Ratings: five, four with text; the page shows the three newest texts.
  const ratings = [
    [5, "Great", "1T10:00:00"],
    [4, "", "2T10:00:00"],
    [2, "Late data", "3T10:00:00"],
    [4, "Good docs", "4T10:00:00"],
    [3, "Fine", "5T10:00:00"],
  ] as const;
  for (const [i, [score, review, when]] of ratings.entries()) {
    await db.productRating.create({
      data: { productId: product.id, userId: consumers[i].id, score, review, createdAt: at(when), updatedAt: at(when) },
    });
  }

  await recordQualityRun(product.id, { completeness: 90, accuracy: 80, consistency: 70 }, { at: at("1T12:00:00"), rowsChecked: 10 });
  await recordQualityRun(product.id, { completeness: 99.5, accuracy: 98, consistency: 97 }, { at: at("2T12:00:00"), rowsChecked: 3 });

  // Deployments: staging active on a real 3-row table, with a pipeline and a finished job with steps;
  // production promoted, confirmed by the owner, with a running job.
  const schema = `pq_${uid()}`;
  await db.$executeRawUnsafe(`CREATE SCHEMA "${schema}"`);
  await db.$executeRawUnsafe(`CREATE TABLE "${schema}".orders_v1 (id int)`);
  await db.$executeRawUnsafe(`INSERT INTO "${schema}".orders_v1 VALUES (1), (2), (3)`);
  const staging = await db.deployment.create({
    data: {
      productId: product.id,
      environment: "staging",
      status: "active",
      productVersion: "1.0.0",
      schemaName: schema,
      tableName: "orders_v1",
      serviceUrl: "https://data.example/staging/orders",
      resources: { roles: [{ roleName: "r_read", privileges: ["SELECT"] }], previousTables: [] },
      pipelines: {
        create: {
          type: "batch",
          schedule: "0 * * * *",
          steps: [],
          ingestionEndpoint: "/api/ingest/x",
          lastRunAt: at("2T13:00:00"),
          lastRunStatus: "succeeded",
        },
      },
    },
  });
  await db.provisioningJob.create({
    data: {
      deploymentId: staging.id,
      kind: "provision",
      status: "failed",
      spec: { spec: { version: "0.9.0" } },
      createdAt: at("1T09:00:00"),
      error: "old",
    },
  });
  await db.provisioningJob.create({
    data: {
      deploymentId: staging.id,
      kind: "provision",
      status: "succeeded",
      spec: { spec: { version: "1.0.0" } },
      requestedById: owner.id,
      reason: "first",
      attempts: 1,
      createdAt: at("2T09:00:00"),
      finishedAt: at("2T09:00:05"),
      steps: {
        create: [
          { step: "serving", position: 3, status: "succeeded", durationMs: 12 },
          {
            step: "storage",
            position: 1,
            status: "succeeded",
            durationMs: 40,
            logs: [{ at: "2026-03-02T09:00:01.000Z", level: "info", message: "schema created" }],
          },
          { step: "processing", position: 2, status: "succeeded", durationMs: 7 },
        ],
      },
    },
  });
  const production = await db.deployment.create({
    data: { productId: product.id, environment: "production", status: "provisioning", promotedFromId: staging.id, confirmedById: owner.id },
  });
  const running = await db.provisioningJob.create({
    data: {
      deploymentId: production.id,
      kind: "promote",
      status: "running",
      spec: { spec: { version: "1.0.0" } },
      createdAt: at("3T09:00:00"),
      steps: { create: [{ step: "storage", position: 1, status: "running" }] },
    },
  });
  return { domain, owner, product, template, me, other, schema, stagingId: staging.id, runningJobId: running.id };
}

let s: Awaited<ReturnType<typeof seed>>;
beforeAll(async () => {
  s = await seed();
});

/** What the product page loads for one view, as the page's components call it. */
async function pageReads(user: CurrentUser, decides: boolean, view: boolean) {
  const product = await getProductPage(s.domain.slug, s.product.name);
  if (!product) throw new Error("seeded product not found");
  const [consumer, deployments, usage] = await Promise.all([
    productConsumerView(user, product.id, { decides, reviews: 3 }),
    listDeployments(product.id, { withJobDetail: view }),
    productUsage(product.id),
  ]);
  return { product, consumer, deployments, usage };
}

describe("product page reads", () => {
  it("run at most 4 statements per view besides the session's one, as consumer and as owner", async () => {
    await pageReads(s.me, false, false); // connections open outside the count
    const consumer = await counted(() => pageReads(s.me, false, false));
    const owner = await counted(() => pageReads(s.owner, true, true));
    const SESSION = 1; // getCurrentUser: one raw statement (lib/auth/current-user.ts)
    expect(consumer.sql.length + SESSION, consumer.sql.join("\n---\n")).toBeLessThanOrEqual(5);
    expect(owner.sql.length + SESSION, owner.sql.join("\n---\n")).toBeLessThanOrEqual(5);
    expect(owner.sql).toHaveLength(4);
  });

  it("count the product's reads and distinct readers over the last 30 days", async () => {
    const before = await productUsage(s.product.id);
    const readers = await Promise.all([createPrincipal(["data_consumer"]), createPrincipal(["data_consumer"])]);
    const read = (userId: string, daysAgo: number) =>
      recordMetricEvent({ type: "product_read", at: new Date(Date.now() - daysAgo * 86_400_000), productId: s.product.id, userId });
    await read(readers[0].id, 1);
    await read(readers[0].id, 2);
    await read(readers[1].id, 3);
    await read(readers[1].id, 45); // outside the window
    expect(await productUsage(s.product.id)).toEqual({ reads: before.reads + 3, consumers: before.consumers + 2, days: 30 });
  });

  it("load the product with its domain, template and latest validation", async () => {
    const { product } = await pageReads(s.me, false, false);
    expect(product).toMatchObject({
      id: s.product.id,
      domain: s.domain.slug,
      domainName: `Domain ${s.domain.slug}`,
      name: s.product.name,
      lifecycle: "published",
      version: "1.0.0",
      template: { key: s.template.key, name: "Analytics table", version: 2 },
      compliance: {
        status: "warnings",
        errors: 0,
        warnings: 1,
        createdAt: "2026-03-02T09:30:00.123Z",
        acknowledgedAt: "2026-03-02T10:00:00.000Z",
      },
    });
    expect(product.spec.schema.map((f) => f.name)).toEqual(["id", "amount"]);
    const row = await db.dataProduct.findUniqueOrThrow({ where: { id: s.product.id } });
    expect(product.updatedAt).toBe(row.updatedAt.toISOString());
    expect(product.publishedAt).toBe(row.publishedAt?.toISOString());
    const latest = await latestValidation(s.product.id);
    expect(product.compliance).toEqual({
      status: latest?.status,
      errors: latest?.errors,
      warnings: latest?.warnings,
      createdAt: latest?.createdAt,
      acknowledgedAt: latest?.acknowledgedAt,
    });
    expect(await getProductPage(s.domain.slug, "no-such-product")).toBeNull();
  });

  it("load the consumer section as the per-table reads do", async () => {
    const { consumer } = await pageReads(s.me, false, false);
    expect(consumer.access.latest).toMatchObject({ status: "pending", purpose: "Churn analysis again", decidedAt: null });
    expect(consumer.access.pendingForOwner).toBeNull();
    expect(consumer.summary).toMatchObject({ count: 5, mean: 3.6, distribution: [0, 1, 1, 2, 1] });
    expect(consumer.reviews.total).toBe(4);
    expect(consumer.reviews.items.map((r) => [r.score, r.review, r.mine])).toEqual([
      [3, "Fine", false],
      [4, "Good docs", false],
      [2, "Late data", false],
    ]);
    expect(consumer.mine).toEqual({ score: 5, review: "Great" });
    expect(consumer.quality).toMatchObject({
      total: 2,
      latest: { rowsChecked: 3, at: "2026-03-02T12:00:00.000Z", metrics: { completeness: 99.5 } },
    });

    // The same answers as the reads the page used before, for a consumer and for the owner.
    for (const [user, decides] of [
      [s.me, false],
      [s.owner, true],
      [s.other, false],
    ] as const) {
      const view = await productConsumerView(user, s.product.id, { decides, reviews: 3 });
      const runs = await listQualityRuns(s.product.id, { page: 1, pageSize: 1 });
      expect(view).toEqual({
        access: await productAccessState(user, s.product.id, decides),
        summary: await ratingSummary(s.product.id),
        reviews: await listReviews(s.product.id, user.id, { page: 1, pageSize: 3, withTextOnly: true }),
        mine: await myRating(s.product.id, user.id),
        quality: { latest: runs.items[0], total: runs.total },
      });
    }
    const owner = await productConsumerView(s.owner, s.product.id, { decides: true, reviews: 3 });
    expect(owner.access).toEqual({ latest: null, pendingForOwner: 2 });
  });

  it("load both deployments with pipeline, last job and its progress, and the exact row count of a small table", async () => {
    const { deployments } = await pageReads(s.owner, true, true);
    expect(deployments.map((d) => d.environment)).toEqual(["staging", "production"]);
    const [staging, production] = deployments;
    expect(staging).toMatchObject({
      status: "active",
      productVersion: "1.0.0",
      schemaName: s.schema,
      tableName: "orders_v1",
      rowCount: { n: 3, approximate: false },
      promotedFromStaging: false,
      confirmedBy: null,
      resources: { roles: [{ roleName: "r_read", privileges: ["SELECT"] }] },
      pipeline: { type: "batch", schedule: "0 * * * *", lastRunAt: "2026-03-02T13:00:00.000Z", lastRunStatus: "succeeded" },
      lastJob: { kind: "provision", status: "succeeded", reason: "first", finishedAt: "2026-03-02T09:00:05.000Z" },
    });
    expect(production).toMatchObject({
      status: "provisioning",
      rowCount: null,
      promotedFromStaging: true,
      pipeline: null,
      lastJob: { id: s.runningJobId },
    });
    expect(production.confirmedBy).toBe(s.owner.name);
    // The progress view's data is what getJob answers.
    for (const d of deployments) expect(d.lastJobDetail).toEqual(await getJob(d.lastJob!.id));
    expect(staging.lastJobDetail?.steps.map((x) => x.step)).toEqual(["storage", "processing", "serving"]);
    expect(staging.lastJobDetail?.requestedBy).toBe(s.owner.name);
    // Without the right to see jobs, no progress is loaded.
    const plain = await listDeployments(s.product.id);
    expect(plain.map((d) => d.lastJobDetail)).toEqual([null, null]);
    expect(plain.map((d) => d.lastJob?.id)).toEqual(deployments.map((d) => d.lastJob?.id));
  });
});
