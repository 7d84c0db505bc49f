// Running a product's pipeline on this installation: it takes stock of what ingestion loaded since the
// last run (new rows, total, latest load), refreshes the table's planner statistics (ANALYZE) and
// records the outcome on the pipeline. Owners run it on demand; the scheduler runs hourly/daily/weekly
// pipelines when they are due. The template's transform logic itself belongs to the cloud targets.
import "server-only";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/server";
import { ValidationError } from "@/lib/errors";
import type { EnvironmentName } from "./naming";
import { loadOwnedProduct } from "./owned-product";
import { logger } from "@/lib/logger";
import { qualified } from "./naming";
import { pgPool } from "@/lib/pg";
import { isDue } from "@/lib/platform";
import { parseEnvironment, parseProductRef } from "./schema";

export type PipelineRunResult = {
  status: "succeeded" | "failed";
  newRows: number;
  totalRows: number;
  latestLoadAt: string | null;
  message: string;
};

export async function runPipeline(deploymentId: string): Promise<PipelineRunResult> {
  const pipeline = await db.pipeline.findUnique({
    where: { deploymentId },
    select: { id: true, type: true, lastRunAt: true, deployment: { select: { status: true, schemaName: true, tableName: true } } },
  });
  if (!pipeline) throw new Error("This deployment has no pipeline.");
  const { schemaName, tableName, status } = pipeline.deployment;
  let result: PipelineRunResult;
  if (status !== "active" || !schemaName || !tableName) {
    result = { status: "failed", newRows: 0, totalRows: 0, latestLoadAt: null, message: "The deployment is not active." };
  } else {
    const client = await pgPool().connect();
    try {
      const table = qualified(schemaName, tableName);
      const stats = await client.query<{ total: string; fresh: string; latest: Date | null }>(
        `SELECT count(*) AS total, count(*) FILTER (WHERE _loaded_at > $1) AS fresh, max(_loaded_at) AS latest FROM ${table}`,
        [pipeline.lastRunAt ?? new Date(0)],
      );
      await client.query(`ANALYZE ${table}`);
      const s = stats.rows[0];
      const latest = s.latest ? s.latest.toISOString() : null;
      result = {
        status: "succeeded",
        newRows: Number(s.fresh),
        totalRows: Number(s.total),
        latestLoadAt: latest,
        message: `${pipeline.type} run: ${Number(s.fresh).toLocaleString("en")} new rows, ${Number(s.total).toLocaleString("en")} in total${latest ? `, latest load ${latest}` : ""}; statistics refreshed`,
      };
    } catch (e) {
      logger.error({ err: e, deploymentId }, "pipeline run failed");
      result = { status: "failed", newRows: 0, totalRows: 0, latestLoadAt: null, message: "The run failed; see the server log." };
    } finally {
      client.release();
    }
  }
  await db.pipeline.update({
    where: { id: pipeline.id },
    data: { lastRunAt: new Date(), lastRunStatus: `${result.status}: ${result.message}` },
  });
  return result;
}

/** An owner's "Run now". */
export async function runPipelineNow(
  user: CurrentUser,
  input: { domain?: unknown; name?: unknown; environment?: unknown },
): Promise<PipelineRunResult> {
  const ref: { domain: string; name: string; environment: EnvironmentName } = {
    ...parseProductRef(input),
    environment: parseEnvironment(input.environment),
  };
  const product = await loadOwnedProduct(user, ref.domain, ref.name, "run the pipeline of");
  const deployment = await db.deployment.findUnique({
    where: { productId_environment: { productId: product.id, environment: ref.environment } },
    select: { id: true, pipelines: { select: { id: true } } },
  });
  if (!deployment || deployment.pipelines.length === 0)
    throw new ValidationError(`There is no pipeline in ${ref.environment}; provision the product first.`);
  return runPipeline(deployment.id);
}

/** Runs every scheduled pipeline whose period has passed since its last run. */
export async function runDuePipelines(now = new Date()): Promise<number> {
  const pipelines = await db.pipeline.findMany({
    where: { schedule: { in: ["hourly", "daily", "weekly"] }, deployment: { status: "active" } },
    select: { deploymentId: true, schedule: true, lastRunAt: true },
  });
  let ran = 0;
  for (const p of pipelines) {
    if (!isDue(p.schedule, p.lastRunAt, now)) continue;
    await runPipeline(p.deploymentId);
    ran++;
  }
  return ran;
}
