// Shared setup for provisioning integration tests and benchmarks: reference data, an owner with a
// product, catalog probes, and cleanup of the cluster-wide roles a test created.
import { setTimeout as sleep } from "node:timers/promises";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/current-user";
import { registerProduct } from "@/lib/products/register-product";
import { provisionProduct } from "@/lib/provisioning/provision-product";
import { runProvisioningJob } from "@/lib/provisioning/run-job";
import type { DataProductSpec } from "@/lib/products/types";
import { createDomain, createPrincipal, ensureGlobalPolicy, sampleSpec } from "@/prisma/seed/factories";
import { seedPlatform } from "@/prisma/seed/platform";
import { SEED_TEMPLATES } from "@/prisma/seed/templates";
import { quoteIdent } from "@/lib/provisioning/naming";
import { newPgClient, type PgClient } from "@/lib/pg";
import { rolesOfDeployment } from "@/lib/provisioning/catalog";

/** The seed's global policy (reset: other test files may have changed it), processing templates, config and templates. */
export async function ensurePlatformReferenceData(): Promise<void> {
  await ensureGlobalPolicy();
  await seedPlatform();
  for (const t of SEED_TEMPLATES) {
    await db.template.upsert({
      where: { key: t.key },
      update: {},
      create: { key: t.key, name: t.name, description: t.description, config: t.config as object, defaults: t.defaults as object },
    });
  }
}

export type Fixture = { domain: string; owner: CurrentUser; spec: DataProductSpec; productId: string };

/** A domain, its owner, and a registered product that passes the seed's global policy. */
export async function ownedProduct(
  patch: Partial<DataProductSpec> = {},
  opts: { templateKey?: string; domain?: string; owner?: CurrentUser } = {},
): Promise<Fixture> {
  const domain = opts.domain ?? (await createDomain()).slug;
  const owner = opts.owner ?? (await createPrincipal(["data_producer"], { [domain]: "owner" }));
  const spec = sampleSpec(domain, {
    access: [
      { role: "data_consumer", permissions: ["read"] },
      { role: "data_producer", permissions: ["read", "write"] },
    ],
    ...patch,
  });
  const created = await registerProduct(owner, spec, { templateKey: opts.templateKey ?? "batch_analytics" });
  return { domain, owner, spec, productId: created.id };
}

export async function withClient<T>(fn: (c: PgClient) => Promise<T>): Promise<T> {
  const client = await newPgClient("meshport-tests");
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Drops every role this database's deployments and access grants created: roles outlive a dropped test
 * database.
 */
export async function dropTestRoles(): Promise<void> {
  const deployments = await db.deployment.findMany({ select: { id: true } });
  const grants = await db.accessGrant.findMany({ where: { dbRole: { not: null }, endedAt: null }, select: { dbRole: true } });
  await withClient(async (c) => {
    for (const { dbRole } of grants) {
      if ((await c.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [dbRole])).rowCount === 0) continue;
      await c.query(`DROP OWNED BY ${quoteIdent(dbRole!)}`);
      await c.query(`DROP ROLE IF EXISTS ${quoteIdent(dbRole!)}`);
    }
    for (const d of deployments) {
      for (const role of await rolesOfDeployment(c, d.id)) {
        await c.query(`DROP OWNED BY ${quoteIdent(role)}`);
        await c.query(`DROP ROLE IF EXISTS ${quoteIdent(role)}`);
      }
    }
  });
}

/** Polls `probe` every 100 ms until it returns something truthy (crash tests wait on workers this way). */
export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value) return value;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The product's staging deployment. */
export const stagingOf = (productId: string) =>
  db.deployment.findUniqueOrThrow({ where: { productId_environment: { productId, environment: "staging" } } });

/** Provisions the fixture's product to staging, running the job here; throws unless it completed. */
export async function provisioned(f: Fixture) {
  const { jobId } = await provisionProduct(f.owner, { domain: f.domain, name: f.spec.name });
  const outcome = await runProvisioningJob(jobId);
  if (outcome !== "completed") throw new Error(`fixture provisioning ended ${outcome}`);
  return { jobId, deployment: await stagingOf(f.productId) };
}

export const jobSteps = (jobId: string) => db.provisioningStep.findMany({ where: { jobId }, orderBy: { position: "asc" } });
