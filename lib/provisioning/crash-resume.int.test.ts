// Kill the worker in the middle of a job, start it again: the job finishes, every object exists once,
// nothing is orphaned. The worker runs as a real child process (scripts/worker.ts) and is SIGKILLed
// while a step's transaction is open (PROVISION_STEP_DELAY_MS keeps each step open long enough).
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, portalDatabase } from "@/lib/db";
import { env } from "@/lib/env";
import { dropTestRoles, ensurePlatformReferenceData, jobSteps, ownedProduct, waitFor, withClient } from "@/tests/provisioning-fixtures";
import { provisionProduct } from "./provision-product";
import { stopQueue } from "@/lib/jobs/queue";
import { roleNameFor, roleOwnerTag, schemaNameFor } from "./naming";

const children: ChildProcess[] = [];

function startWorker(extraEnv: Record<string, string>): ChildProcess {
  // tsx as a loader inside this very process (its CLI would fork a grandchild that SIGKILL cannot reach).
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", path.join("scripts", "worker.ts")], {
    cwd: process.cwd(),
    env: { ...process.env, DATABASE_URL: env().DATABASE_URL, WORKER_CONCURRENCY: "1", LOG_LEVEL: "warn", ...extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stderr?.on("data", (d: Buffer) => process.stderr.write(`[worker ${child.pid}] ${d.toString()}`));
  children.push(child);
  return child;
}

beforeAll(async () => {
  await ensurePlatformReferenceData();
});

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  await dropTestRoles();
  await stopQueue();
});

describe("a worker killed mid-job", () => {
  it("resumes on restart and finishes with nothing duplicated or orphaned", async () => {
    const f = await ownedProduct();
    const schema = schemaNameFor(f.domain, f.spec.name, "staging");
    const { jobId } = await provisionProduct(f.owner, { domain: f.domain, name: f.spec.name });

    const first = startWorker({ PROVISION_STEP_DELAY_MS: "1500" });
    // Storage has committed; processing is inside its (slowed) transaction.
    const before = await waitFor("the processing step to start", async () => {
      const s = await jobSteps(jobId);
      return s[0].status === "succeeded" && s[1].status === "running" ? s : null;
    });
    first.kill("SIGKILL");
    await new Promise((resolve) => (first.exitCode !== null || first.signalCode !== null ? resolve(null) : first.once("exit", resolve)));

    const deployment = await db.deployment.findUniqueOrThrow({
      where: { productId_environment: { productId: f.productId, environment: "staging" } },
    });
    expect((await db.provisioningJob.findUniqueOrThrow({ where: { id: jobId } })).status).toBe("running");
    expect(await db.pipeline.count({ where: { deploymentId: deployment.id } })).toBe(0); // the open step rolled back

    startWorker({});
    const job = await waitFor("the job to finish", async () => {
      const j = await db.provisioningJob.findUniqueOrThrow({ where: { id: jobId } });
      return j.status === "succeeded" || j.status === "failed" ? j : null;
    });
    expect(job.status).toBe("succeeded");
    expect(job.attempts).toBe(2);

    const after = await jobSteps(jobId);
    expect(after.map((s) => s.status)).toEqual(["succeeded", "succeeded", "succeeded", "succeeded"]);
    expect(after[0].startedAt?.getTime()).toBe(before[0].startedAt?.getTime()); // storage was not run again
    expect(JSON.stringify(after[1].logs)).toContain("Resuming");

    expect(await db.pipeline.count({ where: { deploymentId: deployment.id } })).toBe(1);
    await withClient(async (c) => {
      const schemas = await c.query("SELECT nspname FROM pg_namespace WHERE nspname LIKE $1", [`${schema}%`]);
      expect(schemas.rows.map((r) => r.nspname)).toEqual([schema]);
      const rels = await c.query(
        "SELECT c.relname, c.relkind::text AS kind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('r','v') ORDER BY 1",
        [schema],
      );
      const base = f.spec.name.replaceAll("-", "_");
      expect(rels.rows.map((r) => `${r.relname}:${r.kind}`)).toEqual([`${base}:v`, `${base}__masked:v`, `${base}_v1:r`]);
      // By name prefix and by the deployment's tag: a long role name starts with only part of the schema's.
      const roles = await c.query(
        "SELECT rolname FROM pg_roles WHERE rolname LIKE $1 OR shobj_description(oid, 'pg_authid') = $2 ORDER BY 1",
        [`${schema}%`, roleOwnerTag(deployment.id)],
      );
      expect(roles.rows.map((r) => r.rolname)).toEqual(
        [roleNameFor(schema, "data_consumer", await portalDatabase()), roleNameFor(schema, "data_producer", await portalDatabase())].sort(),
      );
    });
    expect((await db.deployment.findUniqueOrThrow({ where: { id: deployment.id } })).status).toBe("active");
  }, 120_000);
});
