// Provisioned objects belong to exactly one deployment: products whose names once mapped to the same
// schema (marketing/sp-probe-owner and marketing-sp/probe-owner) get their own schemas, and a schema that
// carries another deployment's tag (or none) is never adopted, changed or dropped.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, portalDatabase } from "@/lib/db";
import { ValidationError } from "@/lib/errors";
import { saveProductVersion } from "@/lib/products/save-version";
import { createDomain, createPrincipal } from "@/prisma/seed/factories";
import {
  dropTestRoles,
  ensurePlatformReferenceData,
  jobSteps,
  ownedProduct,
  provisioned,
  stagingOf,
  withClient,
  type Fixture,
} from "@/tests/provisioning-fixtures";
import { deprovisionProduct } from "./deprovision-product";
import { identifierPart, qualified, quoteIdent, quoteLiteral, roleNameFor, schemaNameFor } from "./naming";
import { provisionProduct } from "./provision-product";
import { stopQueue } from "@/lib/jobs/queue";
import { readProductData } from "./read-data";
import { runProvisioningJob } from "./run-job";

beforeAll(async () => {
  await ensurePlatformReferenceData();
});

afterAll(async () => {
  await dropTestRoles();
  await stopQueue();
});

const q = <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
  withClient(async (c) => (await c.query<T>(sql, params)).rows);
const schemaComment = async (schema: string) =>
  (await q<{ c: string | null }>("SELECT obj_description(oid, 'pg_namespace') AS c FROM pg_namespace WHERE nspname = $1", [schema]))[0]?.c;
const tablesOf = async (schema: string) =>
  (
    await q<{ relname: string }>(
      "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('r','v') ORDER BY 1",
      [schema],
    )
  ).map((r) => r.relname);

async function deprovision(f: Fixture) {
  const { jobId } = await deprovisionProduct(f.owner, {
    domain: f.domain,
    name: f.spec.name,
    environment: "staging",
    reason: "Ownership test",
  });
  return { jobId, outcome: await runProvisioningJob(jobId) };
}

async function collidingPair(): Promise<[Fixture, Fixture]> {
  // (mk…, sp-probe-owner) and (mk…-sp, probe-owner): the old rule gave both dp_mk…_sp_probe_owner__staging.
  const base = `mk${randomUUID().slice(0, 8)}`;
  const first = await createDomain({ slug: base });
  const second = await createDomain({ slug: `${base}-sp` });
  const a = await ownedProduct({ name: "sp-probe-owner" }, { domain: first.slug });
  const b = await ownedProduct({ name: "probe-owner" }, { domain: second.slug });
  expect(`${identifierPart(a.domain)}_${identifierPart(a.spec.name)}`).toBe(`${identifierPart(b.domain)}_${identifierPart(b.spec.name)}`);
  return [a, b];
}

describe("products whose names read the same", () => {
  it("get separate schemas: deprovisioning the second leaves the first's table, deployment and read API intact", async () => {
    const [a, b] = await collidingPair();
    const { deployment: da } = await provisioned(a);
    const { deployment: db2 } = await provisioned(b);
    expect(da.schemaName).not.toBe(db2.schemaName);
    await withClient((c) => c.query(`INSERT INTO ${qualified(da.schemaName!, da.tableName!)} (id, amount) VALUES ('a-1', 2.5)`));

    expect((await deprovision(b)).outcome).toBe("completed");
    expect(await q("SELECT 1 FROM pg_namespace WHERE nspname = $1", [db2.schemaName])).toHaveLength(0);

    expect(await tablesOf(da.schemaName!)).toEqual(["sp_probe_owner", "sp_probe_owner__masked", "sp_probe_owner_v1"]);
    expect((await stagingOf(a.productId)).status).toBe("active");
    // The read API, both as a domain member and as an outside consumer reading through the product's role.
    const consumer = await createPrincipal(["data_consumer"]);
    for (const reader of [a.owner, consumer]) {
      const { page } = await readProductData(reader, { domain: a.domain, name: a.spec.name, environment: "staging", limit: 10, offset: 0 });
      expect(page.rows.map((r) => [r.id, r.amount])).toEqual([["a-1", 2.5]]);
      expect(page.total).toBe(1);
    }
  });

  it("refuses to deprovision into a schema tagged for another deployment (a collision left by the old naming rule)", async () => {
    const [a, b] = await collidingPair();
    const { deployment: da } = await provisioned(a);
    await provisioned(b);
    // What the old rule produced: b's deployment recorded a's schema as its own.
    await db.deployment.update({ where: { id: (await stagingOf(b.productId)).id }, data: { schemaName: da.schemaName } });
    const before = await tablesOf(da.schemaName!);

    const { jobId, outcome } = await deprovision(b);
    expect(outcome).toBe("failed");
    const steps = await jobSteps(jobId);
    expect(steps[0]).toMatchObject({ step: "governance", status: "failed" });
    expect(steps[0].error).toBe(
      `Schema ${da.schemaName} exists and belongs to another deployment (or was not created by Meshport), so it was left untouched; ask a platform admin to check it.`,
    );
    expect(steps.slice(1).map((s) => s.status)).toEqual(["pending", "pending", "pending"]);
    expect(await tablesOf(da.schemaName!)).toEqual(before);
    const { page } = await readProductData(a.owner, { domain: a.domain, name: a.spec.name, environment: "staging", limit: 10, offset: 0 });
    expect(page.total).toBe(0);
  });
});

describe("storage adopts only its own schema", () => {
  for (const [label, comment] of [
    ["tagged for another deployment", `meshport deployment ${randomUUID()}: other/product (staging)`],
    ["created by hand (no tag)", null],
  ] as const) {
    it(`refuses a schema ${label}, leaving it and its table untouched`, async () => {
      const f = await ownedProduct();
      const schema = schemaNameFor(f.domain, f.spec.name, "staging");
      await withClient(async (c) => {
        await c.query(`CREATE SCHEMA ${quoteIdent(schema)}`);
        if (comment) await c.query(`COMMENT ON SCHEMA ${quoteIdent(schema)} IS ${quoteLiteral(comment)}`);
        await c.query(`CREATE TABLE ${qualified(schema, "keep")} (x int)`);
        await c.query(`INSERT INTO ${qualified(schema, "keep")} VALUES (1)`);
      });
      try {
        const { jobId } = await provisionProduct(f.owner, { domain: f.domain, name: f.spec.name });
        expect(await runProvisioningJob(jobId)).toBe("failed");
        const [storage] = await jobSteps(jobId);
        expect(storage).toMatchObject({ step: "storage", status: "failed" });
        expect(storage.error).toContain(`Schema ${schema} exists and belongs to another deployment`);
        expect(await tablesOf(schema)).toEqual(["keep"]);
        expect(await schemaComment(schema)).toBe(comment);
        expect(await q(`SELECT x FROM ${qualified(schema, "keep")}`)).toEqual([{ x: 1 }]);
        expect(await stagingOf(f.productId)).toMatchObject({ status: "failed", schemaName: null });
      } finally {
        await withClient((c) => c.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`));
      }
    });
  }
});

describe("a deployment made under the old naming rule", () => {
  it("keeps its schema when provisioned again, and deprovisioning drops exactly that schema", async () => {
    const f = await ownedProduct();
    const { deployment } = await provisioned(f);
    // Turn it into what the old rule left behind: an unhashed schema name recorded on the deployment.
    const legacy = `dp_${identifierPart(f.domain)}_${identifierPart(f.spec.name)}__staging`;
    await withClient((c) => c.query(`ALTER SCHEMA ${quoteIdent(deployment.schemaName!)} RENAME TO ${quoteIdent(legacy)}`));
    await db.deployment.update({ where: { id: deployment.id }, data: { schemaName: legacy } });
    await withClient((c) => c.query(`INSERT INTO ${qualified(legacy, deployment.tableName!)} (id, amount) VALUES ('old', 1)`));

    const additive = {
      ...f.spec,
      version: "1.1.0",
      schema: [...f.spec.schema, { name: "note", type: "string" as const, description: "Note", required: false, pii: false }],
    };
    await saveProductVersion(f.owner, { domain: f.domain, name: f.spec.name, spec: additive });
    await provisioned(f);
    expect(await stagingOf(f.productId)).toMatchObject({ status: "active", schemaName: legacy, tableName: deployment.tableName });
    expect(await q("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schemaNameFor(f.domain, f.spec.name, "staging")])).toHaveLength(0);
    const consumer = await createPrincipal(["data_consumer"]);
    const { page } = await readProductData(consumer, { domain: f.domain, name: f.spec.name, environment: "staging", limit: 10, offset: 0 });
    expect(page.rows).toEqual([expect.objectContaining({ id: "old", amount: 1, note: null })]);

    expect((await deprovision(f)).outcome).toBe("completed");
    expect(await q("SELECT 1 FROM pg_namespace WHERE nspname = $1", [legacy])).toHaveLength(0);
    // Nothing left, so a new provisioning uses today's rule.
    const { deployment: again } = await provisioned(f);
    expect(again.schemaName).toBe(schemaNameFor(f.domain, f.spec.name, "staging"));
  });
});

describe("a spec stored before validation refused two spellings of one role", () => {
  it("is refused at provisioning with the access field named, creating nothing", async () => {
    const f = await ownedProduct();
    const access = [
      { role: "data_producer", permissions: ["read"] },
      { role: "data-producer", permissions: ["read", "write"] },
    ];
    await db.dataProduct.update({ where: { id: f.productId }, data: { spec: { ...f.spec, access } } });
    const err = (await provisionProduct(f.owner, { domain: f.domain, name: f.spec.name }).catch((e: unknown) => e)) as ValidationError;
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.fieldErrors?.access).toEqual([
      `Roles data_producer and data-producer would be the same database role (${roleNameFor(schemaNameFor(f.domain, f.spec.name, "staging"), "data_producer", await portalDatabase())}); keep one spelling in the spec.`,
    ]);
    expect(await db.deployment.count({ where: { productId: f.productId } })).toBe(0);
  });
});
