// Provisioned names that used to collide, through the real entry points: two products whose names read
// the same (mk…/sp-probe-owner and mk…-sp/probe-owner once shared one schema) are deprovisioned through
// the Deployments action and read through GET /api/data; and specs whose names would meet in the
// database (two spellings of one role, a system column) are refused by the registration action.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { stopQueue } from "@/lib/jobs/queue";
import { runProvisioningJob } from "@/lib/provisioning/run-job";
import { qualified } from "@/lib/provisioning/naming";
import { createDomain, createPrincipal, sampleSpec } from "@/prisma/seed/factories";
import {
  dropTestRoles,
  ensurePlatformReferenceData,
  ownedProduct,
  provisioned,
  stagingOf,
  withClient,
  type Fixture,
} from "@/tests/provisioning-fixtures";
import { form, specForm } from "./authorization-table";
import { callAction, loadRoute, state } from "./harness";

vi.mock("@/lib/auth/auth", async (orig) => (await import("./harness")).mockAuth(await orig()));
vi.mock("next/navigation", async (orig) => (await import("./harness")).mockNavigation(await orig()));
vi.mock("next/cache", async (orig) => (await import("./harness")).mockCache(await orig()));
vi.mock("@/lib/errors", async (orig) => (await import("./harness")).mockErrors(await orig()));

const DEPLOYMENTS = "app/(portal)/products/[domain]/[product]/deployments/actions.ts";
const READ = "app/api/data/[domain]/[product]/route.ts#GET";
const REGISTER = "app/(portal)/products/new/actions.ts#registerProductAction";

beforeAll(async () => {
  await ensurePlatformReferenceData();
});

afterAll(async () => {
  state.session = null;
  await dropTestRoles();
  await stopQueue();
});

async function read(f: Fixture): Promise<{ status: number; body: { total?: number; rows?: { id: string }[] } }> {
  const get = await loadRoute(READ);
  const response = await get(new Request(`http://localhost/api/data/${f.domain}/${f.spec.name}?env=staging&limit=1000`), {
    params: Promise.resolve({ domain: f.domain, product: f.spec.name }),
  });
  return { status: response.status, body: (await response.json()) as { total?: number; rows?: { id: string }[] } };
}

describe("products whose provisioned names once collided", () => {
  it("deprovisioning one through the Deployments action leaves the other's rows readable through the read API", async () => {
    const base = `mk${randomUUID().slice(0, 8)}`;
    const a = await ownedProduct({ name: "sp-probe-owner" }, { domain: (await createDomain({ slug: base })).slug });
    const b = await ownedProduct({ name: "probe-owner" }, { domain: (await createDomain({ slug: `${base}-sp` })).slug });
    const { deployment: da } = await provisioned(a);
    await provisioned(b);
    await withClient((c) =>
      c.query(`INSERT INTO ${qualified(da.schemaName!, da.tableName!)} (id, amount) SELECT 'r-' || g, g FROM generate_series(1, 250) g`),
    );

    state.session = { uid: b.owner.id };
    const started = await callAction(
      `${DEPLOYMENTS}#deprovisionAction`,
      form({ domain: b.domain, name: b.spec.name, environment: "staging", reason: "Names test" }),
    );
    expect(started).toMatchObject({ outcome: "allow", success: true });
    expect(await runProvisioningJob((started.result?.data as { jobId: string }).jobId)).toBe("completed");
    expect((await stagingOf(b.productId)).status).toBe("deprovisioned");

    const reader = await createPrincipal(["data_consumer"]);
    state.session = { uid: reader.id };
    const ok = await read(a);
    expect(ok.status).toBe(200);
    expect(ok.body.total).toBe(250);
    expect(new Set(ok.body.rows?.map((r) => r.id)).size).toBe(250);
    expect((await stagingOf(a.productId)).status).toBe("active");
    // The deprovisioned one is simply not there any more (not a 500).
    expect((await read(b)).status).toBe(404);
  });
});

describe("specs whose names would meet in the database", () => {
  it("are refused by the registration action with a field error, creating nothing", async () => {
    const domain = (await createDomain()).slug;
    const owner = await createPrincipal(["data_producer"], { [domain]: "owner" });
    state.session = { uid: owner.id };
    const roles = sampleSpec(domain, {
      access: [
        { role: "data_producer", permissions: ["read"] },
        { role: "data-producer", permissions: ["write"] },
      ],
    });
    const columns = sampleSpec(domain, {
      schema: [...sampleSpec(domain).schema, { name: "xmin", type: "string", description: "x", required: false, pii: false }],
    });

    const r1 = await callAction(REGISTER, specForm(roles, { templateKey: "batch_analytics" }));
    expect(r1.result?.errors?.["access.1.role"]).toEqual([
      "Roles data_producer and data-producer would be the same database role (data_producer); use one spelling",
    ]);
    const r2 = await callAction(REGISTER, specForm(columns, { templateKey: "batch_analytics" }));
    expect(r2.result?.errors?.["schema.2.name"]).toEqual([
      "Field name xmin is reserved: every table already has a column of that name; choose another",
    ]);
    expect(await db.dataProduct.count({ where: { domain: { slug: domain } } })).toBe(0);
  });
});
