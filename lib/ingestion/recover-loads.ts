// Loads whose process died mid-COPY: PostgreSQL rolled their rows back with the connection, but the
// IngestionLoad row (written outside that transaction, so progress is visible) still says "running".
// A running load holds a transaction-level advisory lock on its COPY connection; when the lock is free,
// nobody is loading any more, and the load is marked failed. Runs at worker start and with its sweep.
import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { logger } from "@/lib/logger";
import { newPgClient } from "@/lib/pg";

export const INTERRUPTED_REASON =
  "The load was interrupted (the server stopped) and rolled back: no rows were loaded. Upload the file again.";

/** Advisory lock key of one load (its own namespace, apart from the deployments' job locks). */
export function loadLockKey(loadId: string): string {
  return createHash("sha256").update(`meshport:ingestion-load:${loadId}`).digest().readBigInt64BE(0).toString();
}

/** Marks running loads that no live process holds as failed. Returns how many. */
export async function recoverInterruptedLoads(): Promise<number> {
  const running = await db.ingestionLoad.findMany({ where: { status: "running" }, select: { id: true } });
  if (running.length === 0) return 0;
  const client = await newPgClient("meshport-load-recovery");
  let recovered = 0;
  try {
    for (const { id } of running) {
      const key = loadLockKey(id);
      const r = await client.query<{ free: boolean }>("SELECT pg_try_advisory_lock($1::bigint) AS free", [key]);
      if (!r.rows[0].free) continue; // its loader is alive
      try {
        const updated = await client.query(
          "UPDATE ingestion_loads SET status = 'failed', finished_at = now(), rows_loaded = 0, errors = $2::jsonb WHERE id = $1 AND status = 'running'",
          [id, JSON.stringify([{ row: 0, reason: INTERRUPTED_REASON }])],
        );
        recovered += updated.rowCount ?? 0;
      } finally {
        await client.query("SELECT pg_advisory_unlock($1::bigint)", [key]);
      }
    }
  } finally {
    await client.end().catch(() => {});
  }
  if (recovered > 0) logger.warn({ recovered }, "marked interrupted ingestion loads as failed");
  return recovered;
}
