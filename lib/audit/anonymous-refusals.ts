// Visitors without a session are refused all day (expired sessions, crawlers, scanners). One audit row
// each would let anyone grow the append-only log without limit, so anonymous refusals are counted per
// 10-minute window in PostgreSQL (shared by every portal process) and only these become audit rows:
//   - the first refusal of each action+resource in the window, for at most FIRST_ROWS_PER_WINDOW keys;
//   - one row when a window passes that many keys (later keys are only counted in the window's total);
//   - a summary row when the window's total reaches 10, 100, 1 000, … with its busiest keys.
// The counts stay in anonymous_refusals for RETAIN_DAYS.
import "server-only";
import { db, type Tx } from "@/lib/db";

export const WINDOW_SECONDS = 600;
export const FIRST_ROWS_PER_WINDOW = 20;
const RETAIN_DAYS = 90;
// Reserved keys (no real action is "*" or "#"): the window's total, and how many keys it has seen.
const TOTAL = "*";
const KEYS = "#";

export type RefusalRows = { window: Date; total: number; first: boolean; overflow: boolean; summary: boolean };

type Client = typeof db | Tx;

// One round trip for the common case: the window's total is bumped and, in the same statement, the
// key's own count when this window has seen the key already. The window comes from the database clock,
// so every process agrees on it.
async function bumpTotalAndKey(client: Client, action: string, resource: string): Promise<{ count: number; window: Date; seen: boolean }> {
  const [row] = await client.$queryRaw<{ count: number; window: Date; seen: boolean }[]>`
    WITH total AS (
      INSERT INTO anonymous_refusals (action, resource, window_start, count)
      VALUES (${TOTAL}, ${TOTAL}, to_timestamp(floor(extract(epoch FROM now()) / ${WINDOW_SECONDS}) * ${WINDOW_SECONDS}), 1)
      ON CONFLICT (action, resource, window_start) DO UPDATE SET count = anonymous_refusals.count + 1
      RETURNING count, window_start
    ), seen AS (
      UPDATE anonymous_refusals a SET count = a.count + 1 FROM total
      WHERE a.action = ${action} AND a.resource = ${resource} AND a.window_start = total.window_start
      RETURNING 1
    )
    SELECT total.count, total.window_start AS window, EXISTS (SELECT 1 FROM seen) AS seen FROM total`;
  return row;
}

async function bump(client: Client, action: string, resource: string, window: Date): Promise<number> {
  const [row] = await client.$queryRaw<{ count: number }[]>`
    INSERT INTO anonymous_refusals (action, resource, window_start, count) VALUES (${action}, ${resource}, ${window}, 1)
    ON CONFLICT (action, resource, window_start) DO UPDATE SET count = anonymous_refusals.count + 1
    RETURNING count`;
  return row.count;
}

/** Counts one anonymous refusal and says which audit rows it should produce. */
export async function countAnonymousRefusal(action: string, resource: string, client: Client = db): Promise<RefusalRows> {
  const total = await bumpTotalAndKey(client, action, resource);
  if (total.count === 1) {
    // Once per window (its first refusal), not per request.
    await client.$executeRaw`DELETE FROM anonymous_refusals WHERE window_start < now() - make_interval(days => ${RETAIN_DAYS})`;
  }
  const rows: RefusalRows = {
    window: total.window,
    total: total.count,
    first: false,
    overflow: false,
    summary: total.count >= 10 && /^10+$/.test(String(total.count)),
  };
  if (total.seen) return rows;
  // A key not seen in this window. Past the cap, keys are no longer stored one by one, so a flood of
  // distinct resources grows neither the audit log nor this table.
  const keys = await bump(client, KEYS, KEYS, total.window);
  if (keys > FIRST_ROWS_PER_WINDOW) return { ...rows, overflow: keys === FIRST_ROWS_PER_WINDOW + 1 };
  return { ...rows, first: (await bump(client, action, resource, total.window)) === 1 };
}

/** The window's busiest action+resource pairs, for a summary row. */
export async function busiestAnonymousRefusals(
  window: Date,
  client: Client = db,
): Promise<{ action: string; resource: string; count: number }[]> {
  return client.$queryRaw`
    SELECT action, resource, count FROM anonymous_refusals
    WHERE window_start = ${window} AND action NOT IN (${TOTAL}, ${KEYS})
    ORDER BY count DESC, action, resource LIMIT 5`;
}
