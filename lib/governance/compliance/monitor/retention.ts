// The retention rule's pure core. For a provisioned product:
//   - the effective retention is the product's own declared governance.retention when it is a valid period
//     and not longer than the policy's maximum, else the policy's maximum (the domain's data_retention, else
//     the classification level's retention) — the same maximum the validation rule `retention.max` enforces;
//   - a row's age is read from the column the contract names in its ODCS `slaProperties` entry
//     `property: retention` (`element: <dataset>.<column>` or `<column>`) when that is a date or timestamp
//     column of the table, else from the platform's `_loaded_at` (when the row was loaded);
//   - expired rows are purged when the effective policy's compliance list has a regulation whose
//     requirements include `purge_expired_data: true`; otherwise each table holding expired rows is a violation.
import { durationSeconds, isDuration, RETENTION_UNITS, compareDurations } from "@/lib/duration";
import { LOADED_AT, type DataProductSpec, type OdcsContract } from "@/lib/products";
import type { EffectivePolicy } from "../../policies/types";

export const PURGE_REQUIREMENT = "purge_expired_data";

export type RetentionRule = { retention: string; source: string };

export function effectiveRetention(
  policy: EffectivePolicy,
  spec: Pick<DataProductSpec, "classification" | "governance">,
): RetentionRule | null {
  const level = policy.data_classification.find((c) => c.level === spec.classification);
  const max = policy.data_retention
    ? { retention: policy.data_retention, source: "the domain's data_retention" }
    : level
      ? { retention: level.retention, source: `the policy's retention for ${level.level} data` }
      : null;
  const declared = spec.governance?.retention;
  if (declared && isDuration(declared, RETENTION_UNITS) && (!max || compareDurations(declared, max.retention) <= 0))
    return { retention: declared, source: "the product's declared retention" };
  return max;
}

/** The instant before which a row is expired. */
export function retentionCutoff(rule: RetentionRule, now: Date): Date {
  return new Date(now.getTime() - durationSeconds(rule.retention) * 1000);
}

export function purgeAllowed(policy: EffectivePolicy): boolean {
  return policy.compliance.some((c) => c.requirements[PURGE_REQUIREMENT] === true);
}

const TIME_TYPES = new Set(["date", "timestamp with time zone", "timestamp without time zone"]);

/**
 * The column whose value dates a row: the contract's retention element when the table has it as a date or
 * timestamp column, else `_loaded_at`. `columns` are the table's columns with their information_schema types.
 */
export function timestampColumn(contract: OdcsContract | null, columns: ReadonlyMap<string, string>): string {
  const sla = Array.isArray(contract?.slaProperties) ? (contract.slaProperties as Array<Record<string, unknown>>) : [];
  const element = sla.find((p) => p.property === "retention" && typeof p.element === "string")?.element as string | undefined;
  const column = element?.split(",")[0].trim().split(".").at(-1);
  if (column && TIME_TYPES.has(columns.get(column) ?? "")) return column;
  return LOADED_AT;
}
