// Crashes: the process doing the work is SIGKILLed in the middle, then the portal's worker starts again.
// Provisioning must complete on restart with every object created exactly once (or, for a
// deprovisioning, everything gone); an ingest killed mid-COPY must leave no row in the product's table
// and, after the restart's recovery, no load still marked "running". Real child processes: the worker
// (scripts/worker.ts, PROVISION_STEP_DELAY_MS keeps each step's transaction open long enough to land
// in it) and a portal-side CSV load (tests/reliability/ingest-child.ts, millions of generated rows).
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db, portalDatabase } from "@/lib/db";
import { env } from "@/lib/env";
import { ingestCsv } from "@/lib/ingestion/ingest";
import { INTERRUPTED_REASON } from "@/lib/ingestion/recover-loads";
import { deprovisionProduct } from "@/lib/provisioning/deprovision-product";
import { provisionProduct } from "@/lib/provisioning/provision-product";
import { stopQueue } from "@/lib/jobs/queue";
import { qualified, roleNameFor, roleOwnerTag, schemaNameFor } from "@/lib/provisioning/naming";
import {
  dropTestRoles,
  ensurePlatformReferenceData,
  jobSteps,
  ownedProduct,
  provisioned,
  stagingOf,
  waitFor,
  withClient,
  type Fixture,
} from "@/tests/provisioning-fixtures";

const children: ChildProcess[] = [];

function start(script: string, args: string[], extraEnv: Record<string, string> = {}): ChildProcess {
  // tsx as a loader inside the child itself (tsx's CLI would fork a grandchild that SIGKILL cannot reach).
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", script, ...args], {
    cwd: process.cwd(),
    env: { ...process.env, DATABASE_URL: env().DATABASE_URL, WORKER_CONCURRENCY: "1", LOG_LEVEL: "warn", ...extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stderr?.on("data", (d: Buffer) => process.stderr.write(`[${path.basename(script)} ${child.pid}] ${d.toString()}`));
  children.push(child);
  return child;
}

const startWorker = (extraEnv: Record<string, string> = {}) => start(path.join("scripts", "worker.ts"), [], extraEnv);

/**
 * Resolves when the worker prints "[worker] ready": scripts/worker.ts does so once startWorker() has
 * resolved, i.e. after its start-up recovery ran (and long before the first 30 s sweep). Rejects if
 * the worker exits first; the test's own timeout is the only time limit.
 */
function ready(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = "";
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes("[worker] ready")) settle(resolve);
    };
    const onExit = (code: number | null, signal: string | null) =>
      settle(() => reject(new Error(`the worker exited (${signal ?? code}) before it was ready`)));
    const settle = (then: () => void) => {
      child.stdout?.off("data", onData);
      child.off("exit", onExit);
      then();
    };
    child.stdout?.on("data", onData);
    child.once("exit", onExit);
  });
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
}

const steps = jobSteps;
const job = (jobId: string) => db.provisioningJob.findUniqueOrThrow({ where: { id: jobId } });

/** Schemas, relations and roles this product's staging deployment has in the database. */
async function objectsOf(f: Fixture) {
  const schema = schemaNameFor(f.domain, f.spec.name, "staging");
  return withClient(async (c) => {
    const schemas = (await c.query("SELECT nspname FROM pg_namespace WHERE nspname LIKE $1", [`${schema}%`])).rows.map(
      (r) => r.nspname as string,
    );
    const relations = (
      await c.query(
        "SELECT c.relname || ':' || c.relkind::text AS r FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('r','v') ORDER BY 1",
        [schema],
      )
    ).rows.map((r) => r.r as string);
    // By name prefix and by the deployment's tag: a long role name starts with only part of the schema's.
    const deployment = await db.deployment.findUnique({
      where: { productId_environment: { productId: f.productId, environment: "staging" } },
      select: { id: true },
    });
    const roles = (
      await c.query("SELECT rolname FROM pg_roles WHERE rolname LIKE $1 OR shobj_description(oid, 'pg_authid') = $2 ORDER BY 1", [
        `${schema}%`,
        roleOwnerTag(deployment?.id ?? "none"),
      ])
    ).rows.map((r) => r.rolname as string);
    return { schema, schemas, relations, roles };
  });
}

beforeAll(async () => {
  await ensurePlatformReferenceData();
});

afterEach(async () => {
  for (const c of children.splice(0)) await kill(c);
});

afterAll(async () => {
  await dropTestRoles();
  await stopQueue();
});

describe("the worker killed during provisioning", () => {
  for (const [position, name] of [
    [0, "storage"],
    [2, "serving"],
    [3, "governance"],
  ] as const) {
    it(`resumes a job killed inside its ${name} step and completes it, each object created once`, async () => {
      const f = await ownedProduct();
      const { jobId } = await provisionProduct(f.owner, { domain: f.domain, name: f.spec.name });

      const first = startWorker({ PROVISION_STEP_DELAY_MS: "1500" });
      await waitFor(`the ${name} step to run`, async () => (await steps(jobId))[position].status === "running");
      await kill(first);
      expect((await job(jobId)).status).toBe("running");
      // The killed step's transaction rolled back: nothing of it, nor of later steps, is recorded as done.
      expect((await steps(jobId)).slice(position).map((s) => s.status)).toEqual(["running", ...Array(3 - position).fill("pending")]);
      if (name === "storage") expect((await objectsOf(f)).schemas).toEqual([]);

      startWorker();
      const done = await waitFor("the job to finish", async () => {
        const j = await job(jobId);
        return j.status === "succeeded" || j.status === "failed" ? j : null;
      });
      expect(done.status).toBe("succeeded");
      expect(done.attempts).toBe(2);
      expect((await steps(jobId)).map((s) => s.status)).toEqual(["succeeded", "succeeded", "succeeded", "succeeded"]);

      const objects = await objectsOf(f);
      const base = f.spec.name.replaceAll("-", "_");
      expect(objects.schemas).toEqual([objects.schema]);
      expect(objects.relations).toEqual([`${base}:v`, `${base}__masked:v`, `${base}_v1:r`]);
      expect(objects.roles).toEqual(
        [
          roleNameFor(objects.schema, "data_consumer", await portalDatabase()),
          roleNameFor(objects.schema, "data_producer", await portalDatabase()),
        ].sort(),
      );
      const deployment = await stagingOf(f.productId);
      expect(deployment.status).toBe("active");
      expect(await db.pipeline.count({ where: { deploymentId: deployment.id } })).toBe(1);
    }, 120_000);
  }

  it("finishes a deprovisioning killed halfway: every object gone, nothing half-removed", async () => {
    const f = await ownedProduct();
    await provisioned(f);
    const { jobId } = await deprovisionProduct(f.owner, {
      domain: f.domain,
      name: f.spec.name,
      environment: "staging",
      reason: "Crash test",
    });

    const first = startWorker({ PROVISION_STEP_DELAY_MS: "1500" });
    // Deprovisioning runs governance → serving → processing → storage; kill it inside "processing".
    await waitFor("the processing step to run", async () => (await steps(jobId))[2].status === "running");
    await kill(first);
    expect((await objectsOf(f)).schemas).toHaveLength(1); // storage not reached: the data is still there

    startWorker();
    const done = await waitFor("the job to finish", async () => {
      const j = await job(jobId);
      return j.status === "succeeded" || j.status === "failed" ? j : null;
    });
    expect(done.status).toBe("succeeded");
    const objects = await objectsOf(f);
    expect(objects).toMatchObject({ schemas: [], relations: [], roles: [] });
    const deployment = await stagingOf(f.productId);
    expect(deployment.status).toBe("deprovisioned");
    expect(await db.pipeline.count({ where: { deploymentId: deployment.id } })).toBe(0);
  }, 120_000);
});

describe("the portal killed during an ingest", () => {
  it("rolls the whole load back, and the restarted worker marks the interrupted load failed", async () => {
    const f = await ownedProduct();
    const { deployment } = await provisioned(f);
    const table = qualified(deployment.schemaName!, deployment.tableName!);
    const rows = () => withClient(async (c) => Number((await c.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n));
    const copied = () =>
      withClient(async (c) => {
        const r = await c.query(
          "SELECT p.tuples_processed AS n FROM pg_stat_progress_copy p JOIN pg_class c ON c.oid = p.relid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1",
          [deployment.schemaName],
        );
        return r.rows.length > 0 ? Number(r.rows[0].n) : null;
      });

    const loader = start(path.join("tests", "reliability", "ingest-child.ts"), [f.owner.id, f.domain, f.spec.name]);
    // Well into the COPY: PostgreSQL has taken 100 000 rows of it.
    await waitFor("the COPY to be under way", async () => ((await copied()) ?? 0) > 100_000);
    const load = await db.ingestionLoad.findFirstOrThrow({ where: { deploymentId: deployment.id }, orderBy: { startedAt: "desc" } });
    expect(load.status).toBe("running");
    await kill(loader);

    // The server ends the dead client's COPY and rolls its transaction back.
    await waitFor("the COPY to end", async () => (await copied()) === null);
    expect(await rows()).toBe(0);
    expect((await db.ingestionLoad.findUniqueOrThrow({ where: { id: load.id } })).status).toBe("running"); // nobody has looked yet

    // At start-up, not 30 s later with the periodic sweep: already done when the worker says it is ready.
    await ready(startWorker());
    const recovered = await db.ingestionLoad.findUniqueOrThrow({ where: { id: load.id } });
    expect(recovered.status).toBe("failed");
    expect(recovered.rowsLoaded).toBe(0);
    expect(recovered.finishedAt).not.toBeNull();
    expect(recovered.errors).toEqual([{ row: 0, reason: INTERRUPTED_REASON }]);
    expect(await rows()).toBe(0);

    // Nothing is left locked or half-done: the next load goes through.
    const again = await ingestCsv(
      f.owner,
      { domain: f.domain, name: f.spec.name, environment: "staging" },
      Readable.from(["id,amount\nafter-crash-1,1\nafter-crash-2,2\n"]),
    );
    expect(again).toMatchObject({ status: "succeeded", rowsLoaded: 2 });
    expect(await rows()).toBe(2);
  }, 180_000);

  it("leaves a load that is still running alone", async () => {
    const f = await ownedProduct();
    const { deployment } = await provisioned(f);

    const loader = start(path.join("tests", "reliability", "ingest-child.ts"), [f.owner.id, f.domain, f.spec.name]);
    const load = await waitFor("the load to start", () =>
      db.ingestionLoad.findFirst({ where: { deploymentId: deployment.id, status: "running" } }),
    );
    const { recoverInterruptedLoads } = await import("@/lib/ingestion/recover-loads");
    expect(await recoverInterruptedLoads()).toBe(0);
    expect((await db.ingestionLoad.findUniqueOrThrow({ where: { id: load.id } })).status).toBe("running");
    await kill(loader);
  }, 120_000);
});
