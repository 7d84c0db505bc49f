// Stores a quality run (completeness / accuracy / consistency) and records its score for the metrics.
import "server-only";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { qualityScore, type QualityMetrics } from "@/lib/metrics";
import { recordMetricEvent, recordMetricEvents } from "@/lib/metrics/server";
import { effectivePolicyFor } from "@/lib/governance/server";
import { publishEvent } from "@/lib/notifications/server";
import { qualityFailures, type DatasetMetrics } from "./quality-failures";

export type QualityRunResult = {
  id: string;
  score: number;
  metrics: QualityMetrics;
  rowsChecked: number;
  at: string;
  /** Contract rules measured by the run (the hourly monitor): how many passed of how many. */
  rules?: { passed: number; total: number };
  /**
   * A product with several datasets: each one's own figures, as measured by this run (the on-demand check
   * returns them; a stored run keeps only the pooled metrics, quality_runs has no column for a breakdown).
   */
  datasets?: Array<DatasetMetrics & { rows: number }>;
};

/** One contract rule measured by a run (the compliance monitor's hourly check). */
export type CheckFigure = {
  path: string;
  /** The dataset the rule ran on (its key), when the product has several. */
  dataset?: string;
  metric: string;
  value: number | null;
  expect: unknown;
  passed: boolean;
  error?: string;
};

export async function recordQualityRun(
  productId: string,
  metrics: QualityMetrics,
  opts: {
    rowsChecked?: number;
    at?: Date;
    checks?: CheckFigure[];
    /** Each dataset's own figures (several datasets): a failure names the datasets below the threshold. */
    datasets?: Array<DatasetMetrics & { rows: number }>;
  } = {},
): Promise<QualityRunResult> {
  const at = opts.at ?? new Date();
  const score = qualityScore(metrics);
  const rounded: QualityMetrics = {
    completeness: round(metrics.completeness),
    accuracy: round(metrics.accuracy),
    consistency: round(metrics.consistency),
  };
  return db.$transaction(async (tx) => {
    const product = await tx.dataProduct.findUnique({
      where: { id: productId },
      select: { id: true, name: true, domainId: true, domain: { select: { slug: true } } },
    });
    if (!product) throw new NotFoundError("This data product does not exist.");
    const run = await tx.qualityRun.create({
      data: {
        productId,
        at,
        metrics: rounded,
        score: round(score),
        rowsChecked: opts.rowsChecked ?? 0,
        ...(opts.checks ? { checks: opts.checks as unknown as object[] } : {}),
      },
      select: { id: true },
    });
    await recordMetricEvent(
      {
        type: "quality_run",
        at,
        productId,
        domainId: product.domainId,
        value: score,
        meta: { ...rounded, rowsChecked: opts.rowsChecked ?? 0 },
      },
      tx,
    );
    // Below what the policy requires: the product's owners hear of it with the run.
    const datasets = opts.datasets?.map((d) => ({ ...d, metrics: roundMetrics(d.metrics) }));
    const failures = qualityFailures(rounded, await effectivePolicyFor(product.domain.slug), datasets);
    if (failures.length > 0)
      await publishEvent(
        {
          type: "quality.check_failed",
          product: { id: product.id, domain: product.domain.slug, name: product.name },
          score: round(score),
          failures,
        },
        tx,
      );
    return {
      id: run.id,
      score: round(score),
      metrics: rounded,
      rowsChecked: opts.rowsChecked ?? 0,
      at: at.toISOString(),
      ...(datasets && datasets.length > 1 ? { datasets } : {}),
    };
  });
}

const round = (v: number) => Math.round(v * 100) / 100;
const roundMetrics = (m: QualityMetrics): QualityMetrics => ({
  completeness: round(m.completeness),
  accuracy: round(m.accuracy),
  consistency: round(m.consistency),
});

/** Many runs at once (the demo seed's history): the same rows and events as recordQualityRun, in one transaction. */
export async function recordQualityRuns(
  runs: Array<{ productId: string; domainId: string; metrics: QualityMetrics; rowsChecked?: number; at: Date }>,
): Promise<number> {
  if (runs.length === 0) return 0;
  const rows = runs.map((r) => {
    const metrics: QualityMetrics = {
      completeness: round(r.metrics.completeness),
      accuracy: round(r.metrics.accuracy),
      consistency: round(r.metrics.consistency),
    };
    return { ...r, metrics, score: qualityScore(r.metrics) };
  });
  await db.$transaction(async (tx) => {
    await tx.qualityRun.createMany({
      data: rows.map((r) => ({
        productId: r.productId,
        at: r.at,
        metrics: r.metrics,
        score: round(r.score),
        rowsChecked: r.rowsChecked ?? 0,
      })),
    });
    await recordMetricEvents(
      rows.map((r) => ({
        type: "quality_run" as const,
        at: r.at,
        productId: r.productId,
        domainId: r.domainId,
        value: r.score,
        meta: { ...r.metrics, rowsChecked: r.rowsChecked ?? 0 },
      })),
      tx,
    );
  });
  return rows.length;
}

export async function listQualityRuns(
  productId: string,
  opts: { page: number; pageSize: number },
): Promise<{ items: QualityRunResult[]; total: number }> {
  const [rows, total] = await Promise.all([
    db.qualityRun.findMany({
      where: { productId },
      orderBy: { at: "desc" },
      skip: (opts.page - 1) * opts.pageSize,
      take: opts.pageSize,
      select: { id: true, at: true, metrics: true, score: true, rowsChecked: true, checks: true },
    }),
    db.qualityRun.count({ where: { productId } }),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      score: r.score,
      metrics: r.metrics as QualityMetrics,
      rowsChecked: r.rowsChecked,
      at: r.at.toISOString(),
      ...(Array.isArray(r.checks)
        ? { rules: { passed: (r.checks as Array<{ passed?: boolean }>).filter((c) => c.passed).length, total: r.checks.length } }
        : {}),
    })),
    total,
  };
}

export type QualityTrendPoint = { at: string; score: number; passed: number; checks: number };

/** The latest quality runs of a product (oldest first) for the trend chart: score and contract rules passed. */
export async function qualityTrend(productId: string, take = 30): Promise<QualityTrendPoint[]> {
  const rows = await db.qualityRun.findMany({
    where: { productId },
    orderBy: { at: "desc" },
    take,
    select: { at: true, score: true, checks: true },
  });
  return rows.reverse().map((r) => {
    const checks = Array.isArray(r.checks) ? (r.checks as Array<{ passed?: boolean }>) : [];
    return { at: r.at.toISOString(), score: r.score, passed: checks.filter((c) => c.passed).length, checks: checks.length };
  });
}
