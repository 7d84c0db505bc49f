// Provisioning against the real PostgreSQL: what the catalog holds after each job (schemas, tables,
// column types, keys, roles, grants), spec changes, retries, promotion, deprovisioning and refusals.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, portalDatabase } from "@/lib/db";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { saveProductVersion } from "@/lib/products/save-version";
import type { CurrentUser } from "@/lib/auth/current-user";
import { createPrincipal } from "@/prisma/seed/factories";
import { dropTestRoles, ensurePlatformReferenceData, ownedProduct, withClient, type Fixture } from "@/tests/provisioning-fixtures";
import { deprovisionProduct } from "./deprovision-product";
import { promoteProduct } from "./promote-product";
import { provisionProduct } from "./provision-product";
import { stopQueue } from "@/lib/jobs/queue";
import { retryProvisioningJob } from "./retry-job";
import { runProvisioningJob } from "./run-job";
import { quoteIdent, roleNameFor, schemaNameFor } from "./naming";

beforeAll(async () => {
  await ensurePlatformReferenceData();
});

afterAll(async () => {
  await dropTestRoles();
  await stopQueue();
});

async function provisioned(f: Fixture) {
  const { jobId } = await provisionProduct(f.owner, { domain: f.domain, name: f.spec.name });
  expect(await runProvisioningJob(jobId)).toBe("completed");
  return jobId;
}

const q = <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
  withClient(async (c) => (await c.query<T>(sql, params)).rows);

async function relations(schema: string) {
  return (
    await q<{ relname: string; relkind: string }>(
      "SELECT c.relname, c.relkind::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('r','v') ORDER BY c.relname",
      [schema],
    )
  ).map((r) => `${r.relname}:${r.relkind}`);
}

async function columns(schema: string, table: string) {
  return (
    await q<{ attname: string; type: string; attnotnull: boolean }>(
      `SELECT a.attname, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
      [schema, table],
    )
  ).map((r) => [r.attname, r.type, r.attnotnull]);
}

async function grantsOf(schema: string) {
  return (
    await q<{ grantee: string; table_name: string; privileges: string }>(
      `SELECT grantee, table_name, string_agg(privilege_type, ',' ORDER BY privilege_type) AS privileges
       FROM information_schema.role_table_grants WHERE table_schema = $1 AND grantee <> current_user
      GROUP BY grantee, table_name ORDER BY grantee, table_name`,
      [schema],
    )
  ).map((r) => `${r.grantee} ${r.table_name} ${r.privileges}`);
}

async function deploymentRoles(deploymentId: string) {
  return q<{ rolname: string; rolcanlogin: boolean }>(
    "SELECT rolname, rolcanlogin FROM pg_roles WHERE shobj_description(oid, 'pg_authid') = $1 ORDER BY rolname",
    [`meshport deployment ${deploymentId}`],
  );
}

const stagingOf = (productId: string) =>
  db.deployment.findUniqueOrThrow({ where: { productId_environment: { productId, environment: "staging" } } });

describe("provisioning a product to staging", () => {
  let f: Fixture;
  let schema: string;

  beforeAll(async () => {
    f = await ownedProduct();
    schema = schemaNameFor(f.domain, f.spec.name, "staging");
    await provisioned(f);
  });

  it("creates the schema, the table with mapped types, NOT NULLs and primary key, and the serving view", async () => {
    expect(await q("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schema])).toHaveLength(1);
    const table = `${f.spec.name.replaceAll("-", "_")}_v1`;
    const view = f.spec.name.replaceAll("-", "_");
    // The serving view, its masked twin (PII masked for readers not cleared for it) and the table.
    expect(await relations(schema)).toEqual([`${view}:v`, `${view}__masked:v`, `${table}:r`]);
    expect(await columns(schema, table)).toEqual([
      ["id", "text", true],
      ["amount", "double precision", false],
      ["_loaded_at", "timestamp with time zone", true],
    ]);
    const pk = await q<{ attname: string }>(
      `SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
        WHERE i.indrelid = $1::regclass AND i.indisprimary`,
      [`${quoteIdent(schema)}.${quoteIdent(table)}`],
    );
    expect(pk.map((r) => r.attname)).toEqual(["id"]);
    const d = await stagingOf(f.productId);
    expect(d).toMatchObject({ status: "active", schemaName: schema, tableName: table, productVersion: "1.0.0" });
    expect(d.serviceUrl).toBe(`/api/data/${f.domain}/${f.spec.name}?env=staging`);
  });

  it("creates one NOLOGIN role per access role with exactly the grants the policy allows", async () => {
    const d = await stagingOf(f.productId);
    const consumer = roleNameFor(schema, "data_consumer", await portalDatabase());
    const producer = roleNameFor(schema, "data_producer", await portalDatabase());
    expect(await deploymentRoles(d.id)).toEqual(
      [
        { rolname: consumer, rolcanlogin: false },
        { rolname: producer, rolcanlogin: false },
      ].sort((a, b) => a.rolname.localeCompare(b.rolname)),
    );
    const table = d.tableName!;
    const view = f.spec.name.replaceAll("-", "_");
    expect(await grantsOf(schema)).toEqual(
      [
        `${consumer} ${table} SELECT`,
        `${consumer} ${view} SELECT`,
        `${consumer} ${view}__masked SELECT`,
        `${producer} ${table} INSERT,SELECT,UPDATE`,
        `${producer} ${view} SELECT`,
        `${producer} ${view}__masked SELECT`,
      ].sort(),
    );
    const [p] = await q<{ usage: boolean; ins: boolean; del: boolean }>(
      "SELECT has_schema_privilege($1, $2, 'USAGE') AS usage, has_table_privilege($1, $3, 'INSERT') AS ins, has_table_privilege($1, $3, 'DELETE') AS del",
      [consumer, schema, `${quoteIdent(schema)}.${quoteIdent(table)}`],
    );
    expect(p).toEqual({ usage: true, ins: false, del: false });
  });

  it("records the pipeline from the processing template and every step with timing and logs", async () => {
    const d = await stagingOf(f.productId);
    const pipeline = await db.pipeline.findUniqueOrThrow({ where: { deploymentId: d.id } });
    expect(pipeline).toMatchObject({
      type: "etl",
      schedule: "daily",
      ingestionEndpoint: `/api/ingest/${f.domain}/${f.spec.name}?env=staging`,
    });
    expect((pipeline.steps as { name: string }[]).map((x) => x.name)).toEqual(["extract", "transform", "load"]);
    const job = await db.provisioningJob.findFirstOrThrow({
      where: { deploymentId: d.id },
      include: { steps: { orderBy: { position: "asc" } } },
    });
    expect(job.steps.map((s) => [s.step, s.status])).toEqual([
      ["storage", "succeeded"],
      ["processing", "succeeded"],
      ["serving", "succeeded"],
      ["governance", "succeeded"],
    ]);
    for (const s of job.steps) {
      expect(s.durationMs).not.toBeNull();
      expect((s.logs as unknown[]).length).toBeGreaterThan(1);
    }
    expect(JSON.stringify(job.plan)).toContain("Plan only");
  });

  it("does nothing twice: a finished job is skipped, and running all its steps again changes nothing", async () => {
    const d = await stagingOf(f.productId);
    const job = await db.provisioningJob.findFirstOrThrow({ where: { deploymentId: d.id } });
    expect(await runProvisioningJob(job.id)).toBe("nothing-to-do");

    const snapshot = async () => {
      const { status, schemaName, tableName, serviceUrl, resources } = await stagingOf(f.productId);
      return {
        deployment: { status, schemaName, tableName, serviceUrl, resources },
        relations: await relations(schema),
        columns: await columns(schema, tableName!),
        grants: await grantsOf(schema),
        roles: await deploymentRoles(d.id),
        pipelines: await db.pipeline.count({ where: { deploymentId: d.id } }),
      };
    };
    const before = await snapshot();
    // As if the outcome had been lost after the work was done: every step runs against what exists.
    await db.provisioningStep.updateMany({ where: { jobId: job.id }, data: { status: "pending", finishedAt: null } });
    await db.provisioningJob.update({ where: { id: job.id }, data: { status: "queued", finishedAt: null } });
    expect(await runProvisioningJob(job.id)).toBe("completed");
    expect(await snapshot()).toEqual(before);
  });
});

describe("spec changes", () => {
  it("migrates an additive change in place, and gives a breaking change a new table while the old stays readable", async () => {
    const f = await ownedProduct();
    const schema = schemaNameFor(f.domain, f.spec.name, "staging");
    const base = f.spec.name.replaceAll("-", "_");
    await provisioned(f);
    await withClient((c) => c.query(`INSERT INTO ${quoteIdent(schema)}.${quoteIdent(`${base}_v1`)} (id, amount) VALUES ('old-1', 1.5)`));

    const additive = {
      ...f.spec,
      version: "1.1.0",
      schema: [...f.spec.schema, { name: "note", type: "string" as const, description: "Note", required: false, pii: false }],
    };
    await saveProductVersion(f.owner, { domain: f.domain, name: f.spec.name, spec: additive });
    await provisioned(f);
    expect(await relations(schema)).toEqual([`${base}:v`, `${base}__masked:v`, `${base}_v1:r`]);
    expect((await columns(schema, `${base}_v1`)).map((c) => c[0])).toEqual(["id", "amount", "_loaded_at", "note"]);

    const breaking = { ...additive, version: "2.0.0", schema: additive.schema.filter((x) => x.name !== "amount") };
    await saveProductVersion(f.owner, {
      domain: f.domain,
      name: f.spec.name,
      spec: breaking,
      changeNote: "amount moves to its own product",
    });
    await provisioned(f);
    expect(await relations(schema)).toEqual([`${base}:v`, `${base}__masked:v`, `${base}_v1:r`, `${base}_v2:r`]);
    const d = await stagingOf(f.productId);
    expect(d.tableName).toBe(`${base}_v2`);
    expect((d.resources as { previousTables: string[] }).previousTables).toEqual([`${base}_v1`]);
    // The old table is still there, with its rows, and consumers may still read (only read) it.
    const consumer = roleNameFor(schema, "data_consumer", await portalDatabase());
    const [old] = await q<{ n: string; sel: boolean; ins: boolean }>(
      `SELECT (SELECT count(*) FROM ${quoteIdent(schema)}.${quoteIdent(`${base}_v1`)}) AS n, has_table_privilege($1, $2, 'SELECT') AS sel, has_table_privilege($1, $2, 'INSERT') AS ins`,
      [consumer, `${quoteIdent(schema)}.${quoteIdent(`${base}_v1`)}`],
    );
    expect(old).toEqual({ n: "1", sel: true, ins: false });
  });
});

describe("refusals", () => {
  let outsider: CurrentUser;
  let consumer: CurrentUser;
  beforeAll(async () => {
    outsider = await createPrincipal(["data_producer"], {});
    consumer = await createPrincipal(["data_consumer"]);
  });

  it("refuses a product that fails governance validation, creating nothing", async () => {
    // Writing confidential data granted to data_consumer: the policy forbids it (an error finding; reading it
    // would be fine, through approved grants).
    const f = await ownedProduct({ classification: "confidential", access: [{ role: "data_consumer", permissions: ["read", "write"] }] });
    const err = (await provisionProduct(f.owner, { domain: f.domain, name: f.spec.name }).catch((e: unknown) => e)) as ValidationError;
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.message).toContain("fails governance validation");
    expect(await db.deployment.count({ where: { productId: f.productId } })).toBe(0);
    expect(await q("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schemaNameFor(f.domain, f.spec.name, "staging")])).toHaveLength(0);
  });

  it("refuses anyone but the product's owners", async () => {
    const f = await ownedProduct();
    for (const user of [outsider, consumer]) {
      await expect(provisionProduct(user, { domain: f.domain, name: f.spec.name })).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await db.deployment.count({ where: { productId: f.productId } })).toBe(0);
  });

  it("refuses a second job while one is queued", async () => {
    const f = await ownedProduct();
    const { jobId } = await provisionProduct(f.owner, { domain: f.domain, name: f.spec.name });
    await expect(provisionProduct(f.owner, { domain: f.domain, name: f.spec.name })).rejects.toThrow(/already queued or running/);
    await runProvisioningJob(jobId);
  });
});

describe("one cluster, several portal databases", () => {
  it("provisions a product whose roles another database on the cluster already created for the same product", async () => {
    // Another portal (or another test run) on this cluster provisioned the same domain/product: its roles are
    // cluster-wide and tagged for its own deployment. Before role names carried the database, this product's
    // governance step refused them ("does not belong to this deployment") and the demo seed failed to provision.
    const f = await ownedProduct();
    const schema = schemaNameFor(f.domain, f.spec.name, "staging");
    const theirs = ["data_consumer", "data_producer"].map((r) => roleNameFor(schema, r, "meshport_other_portal"));
    await withClient(async (c) => {
      for (const role of theirs) {
        await c.query(`CREATE ROLE ${quoteIdent(role)} NOLOGIN`);
        await c.query(`COMMENT ON ROLE ${quoteIdent(role)} IS 'meshport deployment ${crypto.randomUUID()}'`);
      }
    });
    try {
      const { jobId } = await provisionProduct(f.owner, { domain: f.domain, name: f.spec.name });
      expect(await runProvisioningJob(jobId)).toBe("completed");
      const ours = (await deploymentRoles((await stagingOf(f.productId)).id)).map((r) => r.rolname);
      const database = await portalDatabase();
      expect(ours).toEqual(["data_consumer", "data_producer"].map((r) => roleNameFor(schema, r, database)).sort());
      expect(ours.filter((r) => theirs.includes(r))).toEqual([]);
    } finally {
      await withClient(async (c) => {
        for (const role of theirs) await c.query(`DROP ROLE IF EXISTS ${quoteIdent(role)}`);
      });
    }
  });
});

describe("retry and promotion", () => {
  it("retries a failed job from the failed step, keeping the steps before it", async () => {
    const f = await ownedProduct();
    const schema = schemaNameFor(f.domain, f.spec.name, "staging");
    const squatter = roleNameFor(schema, "data_producer", await portalDatabase());
    await withClient((c) => c.query(`CREATE ROLE ${quoteIdent(squatter)} NOLOGIN`));
    try {
      const { jobId } = await provisionProduct(f.owner, { domain: f.domain, name: f.spec.name });
      expect(await runProvisioningJob(jobId)).toBe("failed");
      const failed = await db.provisioningJob.findUniqueOrThrow({
        where: { id: jobId },
        include: { steps: { orderBy: { position: "asc" } } },
      });
      expect(failed.steps.map((s) => s.status)).toEqual(["succeeded", "succeeded", "succeeded", "failed"]);
      expect(failed.error).toContain("does not belong to this deployment");
      expect((await stagingOf(f.productId)).status).toBe("failed");
      // Nothing of the failed step remains: its transaction rolled back.
      expect((await deploymentRoles((await stagingOf(f.productId)).id)).length).toBe(0);

      await withClient((c) => c.query(`DROP ROLE ${quoteIdent(squatter)}`));
      await expect(retryProvisioningJob(await createPrincipal(["data_consumer"]), jobId)).rejects.toBeInstanceOf(ForbiddenError);
      const retried = await retryProvisioningJob(f.owner, jobId);
      expect(retried.fromStep).toBe("governance");
      expect(await runProvisioningJob(jobId)).toBe("completed");
      const done = await db.provisioningJob.findUniqueOrThrow({
        where: { id: jobId },
        include: { steps: { orderBy: { position: "asc" } } },
      });
      expect(done.status).toBe("succeeded");
      expect(done.steps.slice(0, 3).map((s) => s.startedAt?.getTime())).toEqual(
        failed.steps.slice(0, 3).map((s) => s.startedAt?.getTime()),
      );
      expect((await deploymentRoles((await stagingOf(f.productId)).id)).length).toBe(2);
    } finally {
      await withClient((c) => c.query(`DROP ROLE IF EXISTS ${quoteIdent(squatter)}`).catch(() => undefined));
    }
  });

  it("promotes the staging spec to production only after the owner confirms", async () => {
    const f = await ownedProduct();
    await expect(promoteProduct(f.owner, { domain: f.domain, name: f.spec.name, confirmed: true })).rejects.toThrow(/staging first/);
    await provisioned(f);
    const unconfirmed = (await promoteProduct(f.owner, { domain: f.domain, name: f.spec.name, confirmed: false }).catch(
      (e: unknown) => e,
    )) as ValidationError;
    expect(unconfirmed.fieldErrors?.confirm).toBeDefined();
    const { jobId } = await promoteProduct(f.owner, { domain: f.domain, name: f.spec.name, confirmed: true });
    expect(await runProvisioningJob(jobId)).toBe("completed");
    const staging = await stagingOf(f.productId);
    const production = await db.deployment.findUniqueOrThrow({
      where: { productId_environment: { productId: f.productId, environment: "production" } },
    });
    expect(production).toMatchObject({
      status: "active",
      schemaName: schemaNameFor(f.domain, f.spec.name, "production"),
      promotedFromId: staging.id,
      confirmedById: f.owner.id,
      productVersion: "1.0.0",
    });
    expect(await q("SELECT 1 FROM pg_namespace WHERE nspname = $1", [production.schemaName])).toHaveLength(1);
  });
});

describe("deprovisioning", () => {
  it("reverses every step: grants, roles, view, pipeline, schema", async () => {
    const f = await ownedProduct();
    const schema = schemaNameFor(f.domain, f.spec.name, "staging");
    await provisioned(f);
    const d = await stagingOf(f.productId);
    // Without a reason (the dialog's confirmation): a field error, no job, the deployment untouched, nothing audited.
    await expect(deprovisionProduct(f.owner, { domain: f.domain, name: f.spec.name, environment: "staging" })).rejects.toBeInstanceOf(
      ValidationError,
    );
    const noReason = (await deprovisionProduct(f.owner, {
      domain: f.domain,
      name: f.spec.name,
      environment: "staging",
      reason: "  ",
    }).catch((e: unknown) => e)) as ValidationError;
    expect(noReason).toBeInstanceOf(ValidationError);
    expect(noReason.fieldErrors?.reason?.[0]).toMatch(/cannot be restored/);
    expect(await db.provisioningJob.count({ where: { deploymentId: d.id, kind: "deprovision" } })).toBe(0);
    expect((await stagingOf(f.productId)).status).toBe("active");
    const resource = `data_product:${f.domain}/${f.spec.name}`;
    expect(await db.auditEvent.count({ where: { resource, action: "deprovision:staging" } })).toBe(0);
    const { jobId } = await deprovisionProduct(f.owner, {
      domain: f.domain,
      name: f.spec.name,
      environment: "staging",
      reason: "Moving to the new cluster",
    });
    expect(await runProvisioningJob(jobId)).toBe("completed");
    const job = await db.provisioningJob.findUniqueOrThrow({ where: { id: jobId }, include: { steps: { orderBy: { position: "asc" } } } });
    expect(job.reason).toBe("Moving to the new cluster");
    const audited = await db.auditEvent.findFirstOrThrow({ where: { resource, action: "deprovision:staging" } });
    expect(audited).toMatchObject({ subject: f.owner.email, decision: "allow" });
    expect(audited.reason).toContain("Moving to the new cluster");
    expect(job.steps.map((s) => [s.step, s.status])).toEqual([
      ["governance", "succeeded"],
      ["serving", "succeeded"],
      ["processing", "succeeded"],
      ["storage", "succeeded"],
    ]);
    expect(await q("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schema])).toHaveLength(0);
    expect(await deploymentRoles(d.id)).toHaveLength(0);
    expect(
      await q("SELECT 1 FROM pg_roles WHERE rolname = ANY($1)", [
        [roleNameFor(schema, "data_consumer", await portalDatabase()), roleNameFor(schema, "data_producer", await portalDatabase())],
      ]),
    ).toHaveLength(0);
    expect(await db.pipeline.count({ where: { deploymentId: d.id } })).toBe(0);
    expect(await stagingOf(f.productId)).toMatchObject({ status: "deprovisioned", serviceUrl: null, tableName: null });
  });
});
