// "Nothing changed": a digest of every application table's rows, compared before and after a call that
// must be refused. The audit log (with its counter of anonymous refusals) and the metric tables are left
// out on purpose: refusals ARE audited, and every API request is counted, whatever its outcome. Sessions and
// sign-in throttle rows are sign-in bookkeeping: the harness opens a caller's session on first use, and
// failed sign-ins count whatever else.
import { db } from "@/lib/db";

const IGNORED = new Set([
  "_prisma_migrations",
  "audit_events",
  "anonymous_refusals",
  "metric_events",
  "metric_rollups",
  "metric_consumers",
  "metric_consumer_sets",
  "sessions",
  "sign_in_throttle",
]);

let tables: string[] | null = null;

async function applicationTables(): Promise<string[]> {
  if (tables) return tables;
  const rows = await db.$queryRaw<{ name: string }[]>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`;
  tables = rows.map((r) => r.name).filter((n) => !IGNORED.has(n));
  return tables;
}

/** table name → digest of its rows (order-independent). */
export async function fingerprint(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of await applicationTables()) {
    const quoted = `"${name.replaceAll('"', '""')}"`;
    const [row] = await db.$queryRawUnsafe<{ digest: string; n: bigint }[]>(
      `SELECT md5(coalesce(string_agg(md5(t::text), '' ORDER BY md5(t::text)), '')) AS digest, count(*) AS n FROM ${quoted} t`,
    );
    out[name] = `${row.n}:${row.digest}`;
  }
  return out;
}

/** The tables whose content differs between two fingerprints. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after })
    .filter((k) => before[k] !== after[k])
    .sort();
}

/** Row counts of the given tables, for fuzz tests that assert a rejected input wrote nothing. */
export async function rowCounts(names: readonly string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const name of names) {
    const [row] = await db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "${name.replaceAll('"', '""')}"`);
    out[name] = Number(row.n);
  }
  return out;
}
