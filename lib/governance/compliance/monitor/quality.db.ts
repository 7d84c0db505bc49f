// The data-quality rule (hourly): per provisioned product (production, else staging), the contract's quality
// rules and the portal's completeness / accuracy / consistency measured INSIDE PostgreSQL — per dataset, that
// dataset's library rules and the three metrics in one aggregate scan of its table, each `sql` rule as its own
// read-only query; the metrics pooled over the datasets (lib/quality/table-check.ts) — stored as a
// quality run with every rule's figure. A failing rule, and a metric under the policy's data_quality
// threshold, is a violation until a later run passes.
import "server-only";
import { db } from "@/lib/db";
import { logger } from "@/lib/logger";
import { exportContract, type LifecycleState } from "@/lib/products";
import type { QualityMetrics } from "@/lib/metrics";
import {
  checkAggregates,
  contractChecks,
  countsFrom,
  matchColumns,
  meets,
  datasetsBelow,
  poolDatasets,
  qualityDatasets,
  qualityQuery,
  type TableCounts,
} from "@/lib/quality";
import { recordQualityRun, tableColumns, type CheckFigure } from "@/lib/quality/server";
import { loadPolicyContexts } from "../validate-products.db";
import { provisionedTables, type ProvisionedTable } from "./provisioned.db";
import { openViolation, resolveCleared } from "./violations.db";

export type QualityReport = { products: number; checks: number; failedChecks: number; violations: number; failed: string[] };

/** Milliseconds any one quality query may run. */
const STATEMENT_TIMEOUT_MS = 60_000;

type Row = Record<string, bigint | number | string | null>;

/** Runs one SELECT in a read-only transaction with a timeout: a rule can never write or run forever. */
async function readOnly(sql: string, params: unknown[]): Promise<Row | undefined> {
  return db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe("SET TRANSACTION READ ONLY");
    await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = ${STATEMENT_TIMEOUT_MS}`);
    const rows = await tx.$queryRawUnsafe<Row[]>(sql, ...params);
    return rows[0];
  });
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export type MeasuredProduct = {
  metrics: { completeness: number; accuracy: number; consistency: number; rows: number };
  checks: CheckFigure[];
  /** Several datasets: each one's own metrics (the product's are pooled over them). */
  datasets?: Array<{ key: string; rows: number; metrics: { completeness: number; accuracy: number; consistency: number } }>;
};

/**
 * Measures one deployment: every dataset's table (qualityDatasets) in its own scan — the three metrics and the
 * rules declared on that dataset and its properties — and pools the metrics over the datasets (metricsFromTotals).
 */
export async function measureQuality(t: ProvisionedTable, lifecycle: LifecycleState = "published"): Promise<MeasuredProduct> {
  const spec = t.product.spec;
  const contract = exportContract({ spec, contract: t.product.contract, lifecycle });
  const datasets = qualityDatasets(spec, t.product.contract, t);
  const counts: Array<{ key: string; counts: TableCounts }> = [];
  const checks: CheckFigure[] = [];
  const columnsOf = await tableColumns(
    t.schema,
    datasets.map((d) => d.table),
  );
  for (const d of datasets) {
    const columns = columnsOf.get(d.table) ?? [];
    const { present, typed } = matchColumns(d.fields, columns);
    // A schema object's top-level properties became its columns in order (lib/products/contract/project.ts).
    const byProperty = new Map((contract.schema?.[d.index]?.properties ?? []).map((p, i) => [p.name, d.fields[i]?.name ?? null]));
    const present_ = new Set(columns.map((c) => c.name));
    const compiled = contractChecks(
      contract,
      t.schema,
      d.table,
      (name) => {
        const column = byProperty.get(name) ?? null;
        return column && present_.has(column) ? column : null;
      },
      { index: d.index, ...(datasets.length > 1 ? { key: d.key } : {}) },
    );
    const { sql, params } = qualityQuery(compiled, checkAggregates(present));
    const row = (await readOnly(sql, params)) ?? {};
    counts.push({ key: d.key, counts: countsFrom(d.fields, present, typed, row as Record<string, bigint | number | null>) });
    for (const [i, c] of compiled.checks.entries()) {
      let value: number | null = null;
      let error: string | undefined;
      if (c.aggregate) value = num(row[`c${i}`]);
      else if (c.sql) {
        try {
          const r = await readOnly(c.sql, []);
          value = num(r ? Object.values(r)[0] : null);
        } catch (err) {
          error = "The rule's query failed in the database.";
          logger.warn({ err, path: c.path, schema: t.schema, table: d.table }, "quality sql rule failed");
        }
      }
      checks.push({
        path: c.path,
        ...(c.dataset !== undefined ? { dataset: c.dataset } : {}),
        metric: c.metric,
        value: value === null ? null : Math.round(value * 10000) / 10000,
        expect: c.expect,
        passed: !error && (value === null ? c.expect === null : meets(value, c.expect)),
        ...(error ? { error } : {}),
      });
    }
  }
  const pooled = poolDatasets(counts);
  return { metrics: pooled.metrics, checks, ...(pooled.datasets ? { datasets: pooled.datasets } : {}) };
}

export async function runQualityMonitor(opts: { now?: Date; productIds?: string[] } = {}): Promise<QualityReport> {
  const now = opts.now ?? new Date();
  const policyFor = await loadPolicyContexts();
  const all = await provisionedTables({ productIds: opts.productIds });
  // One deployment per product: production when there is one, the data consumers read.
  const byProduct = new Map<string, ProvisionedTable>();
  for (const t of all) if (!byProduct.has(t.product.id) || t.environment === "production") byProduct.set(t.product.id, t);
  const lifecycles = new Map(
    (await db.dataProduct.findMany({ where: { id: { in: [...byProduct.keys()] } }, select: { id: true, lifecycle: true } })).map((p) => [
      p.id,
      p.lifecycle as LifecycleState,
    ]),
  );
  const report: QualityReport = { products: 0, checks: 0, failedChecks: 0, violations: 0, failed: [] };
  for (const t of byProduct.values()) {
    try {
      const measured = await measureQuality(t, lifecycles.get(t.product.id));
      const m = measured.metrics;
      await recordQualityRun(
        t.product.id,
        { completeness: m.completeness, accuracy: m.accuracy, consistency: m.consistency },
        { rowsChecked: m.rows, at: now, checks: measured.checks, ...(measured.datasets ? { datasets: measured.datasets } : {}) },
      );
      report.products++;
      report.checks += measured.checks.length;
      const seen: string[] = [];
      for (const c of measured.checks.filter((c) => !c.passed)) {
        report.failedChecks++;
        const detail = `check:${c.path}`;
        seen.push(detail);
        await openViolation(
          {
            rule: "quality",
            productId: t.product.id,
            domainId: t.product.domainId,
            detail,
            severity: "warning",
            message: c.error
              ? `Quality rule ${c.path} (${c.metric})${on(c)} could not be measured: ${c.error}`
              : `Quality rule ${c.path} (${c.metric})${on(c)} measured ${c.value ?? "nothing"}, expected ${describe(c.expect)}.`,
            context: { ...c },
          },
          db,
          now,
        );
        report.violations++;
      }
      const { policy } = policyFor(t.product.domain);
      for (const rule of policy.data_quality) {
        const measuredValue = (m as Record<string, number>)[rule.metric];
        if (measuredValue === undefined || measuredValue >= rule.threshold) continue;
        const detail = `metric:${rule.metric}`;
        seen.push(detail);
        const below = datasetsBelow(measured.datasets ?? [], rule.metric as keyof QualityMetrics, rule.threshold);
        const which = below.length > 0 ? ` (dataset${below.length > 1 ? "s" : ""} ${below.join(", ")})` : "";
        await openViolation(
          {
            rule: "quality",
            productId: t.product.id,
            domainId: t.product.domainId,
            detail,
            severity: rule.enforcement,
            message: `${rule.metric} is ${Math.round(measuredValue * 100) / 100}%, under the policy's ${rule.threshold}%${which}.`,
            context: { metric: rule.metric, measured: measuredValue, threshold: rule.threshold },
          },
          db,
          now,
        );
        report.violations++;
      }
      await resolveCleared("quality", t.product.id, seen, db, now);
    } catch (err) {
      report.failed.push(`${t.product.domain}/${t.product.name}`);
      logger.error({ err, productId: t.product.id }, "quality monitor failed for a product");
    }
  }
  return report;
}

/** Names the rule's dataset when the product has several (the monitor sets `dataset` only then). */
const on = (c: CheckFigure) => (c.dataset !== undefined ? ` on dataset ${c.dataset}` : "");

function describe(expect: unknown): string {
  if (!expect || typeof expect !== "object") return "no particular value";
  const { op, value } = expect as { op: string; value: number | [number, number] };
  const words = op
    .replace(/^must/, "")
    .replace(/([A-Z])/g, " $1")
    .trim()
    .toLowerCase();
  return `${words} ${Array.isArray(value) ? value.join(" and ") : value}`;
}
