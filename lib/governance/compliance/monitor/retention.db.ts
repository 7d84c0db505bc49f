// The retention rule (daily): rows of provisioned tables older than the effective retention (retention.ts)
// are purged where the policy says so — in one transaction with an audit row per table, reported per table —
// else each table holding them is a violation until its rows are gone.
import "server-only";
import { db } from "@/lib/db";
import { audit } from "@/lib/audit/writer";
import { logger } from "@/lib/logger";
import { productResource } from "@/lib/auth/server";
import { qualified, quoteIdent } from "@/lib/provisioning";
import { loadPolicyContexts } from "../validate-products.db";
import { dataTables, provisionedTables } from "./provisioned.db";
import { effectiveRetention, purgeAllowed, retentionCutoff, timestampColumn } from "./retention";
import { openViolation, resolveCleared } from "./violations.db";

export type RetentionTableReport = {
  product: string;
  table: string;
  column: string;
  retention: string;
  cutoff: string;
  expired: number;
  deleted: number;
};
export type RetentionReport = {
  products: number;
  tables: number;
  purged: number;
  violations: number;
  details: RetentionTableReport[];
  failed: string[];
};

const SUBJECT = "system:compliance-monitor";

export async function runRetention(opts: { now?: Date; productIds?: string[] } = {}): Promise<RetentionReport> {
  const now = opts.now ?? new Date();
  const policyFor = await loadPolicyContexts();
  const tables = await provisionedTables({ productIds: opts.productIds });
  const report: RetentionReport = { products: 0, tables: 0, purged: 0, violations: 0, details: [], failed: [] };
  // Per product: the violations this run saw; a product whose check failed keeps its open violations.
  const seen = new Map<string, { domainId: string; details: string[]; failed?: boolean }>();
  for (const t of tables) {
    const { policy } = policyFor(t.product.domain);
    const rule = effectiveRetention(policy, t.product.spec);
    const entry = seen.get(t.product.id) ?? { domainId: t.product.domainId, details: [] };
    seen.set(t.product.id, entry);
    if (!rule) continue;
    const cutoff = retentionCutoff(rule, now);
    const purge = purgeAllowed(policy);
    for (const table of dataTables(t)) {
      try {
        const columns = await db.$queryRaw<{ name: string; type: string }[]>`
          SELECT column_name AS name, data_type AS type FROM information_schema.columns
          WHERE table_schema = ${t.schema} AND table_name = ${table}`;
        if (columns.length === 0) continue;
        report.tables++;
        const column = timestampColumn(t.product.contract, new Map(columns.map((c) => [c.name, c.type])));
        const where = `${quoteIdent(column)} < $1`;
        const name = `${t.schema}.${table}`;
        const row: RetentionTableReport = {
          product: `${t.product.domain}/${t.product.name}`,
          table: name,
          column,
          retention: rule.retention,
          cutoff: cutoff.toISOString(),
          expired: 0,
          deleted: 0,
        };
        if (purge) {
          // Delete and audit together: a purge is never done without its record, nor recorded without being done.
          row.deleted = await db.$transaction(async (tx) => {
            const deleted = await tx.$executeRawUnsafe(`DELETE FROM ${qualified(t.schema, table)} WHERE ${where}`, cutoff);
            if (deleted > 0)
              await audit(
                {
                  subject: SUBJECT,
                  action: "retention:purge",
                  resource: productResource(t.product.domain, t.product.name),
                  decision: "allow",
                  policyId: "data_retention",
                  reason: `Purged ${deleted} row(s) of ${name} older than ${rule.retention} (${rule.source}; ${column} before ${cutoff.toISOString()}).`,
                  context: { table: name, column, cutoff: cutoff.toISOString(), deleted, retention: rule.retention },
                },
                tx,
              );
            return deleted;
          });
          row.expired = row.deleted;
          report.purged += row.deleted;
        } else {
          const [{ n }] = await db.$queryRawUnsafe<{ n: bigint }[]>(
            `SELECT count(*) AS n FROM ${qualified(t.schema, table)} WHERE ${where}`,
            cutoff,
          );
          row.expired = Number(n);
          if (row.expired > 0) {
            const detail = `expired-rows:${name}`;
            entry.details.push(detail);
            await openViolation(
              {
                rule: "retention",
                productId: t.product.id,
                domainId: t.product.domainId,
                detail,
                severity: "warning",
                message: `${row.expired} row(s) of ${name} are older than the ${rule.retention} retention (${rule.source}); the policy does not purge them automatically.`,
                context: { table: name, column, cutoff: cutoff.toISOString(), expired: row.expired },
              },
              db,
              now,
            );
            report.violations++;
          }
        }
        if (row.expired > 0 || row.deleted > 0) report.details.push(row);
      } catch (err) {
        report.failed.push(`${t.schema}.${table}`);
        entry.failed = true;
        logger.error({ err, schema: t.schema, table }, "retention check failed");
      }
    }
  }
  for (const [productId, { details, failed }] of seen) if (!failed) await resolveCleared("retention", productId, details, db, now);
  report.products = seen.size;
  return report;
}
