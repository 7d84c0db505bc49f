// Plain node-postgres connections for what Prisma cannot do: DDL, advisory locks, COPY. The pool serves
// short reads and loads; jobs use a dedicated client so a session-level lock lives exactly as long as
// the connection (a crashed worker's lock vanishes with its socket).
import "server-only";
import pg from "pg";
import { env } from "@/lib/env";
import { SESSION_OPTIONS } from "@/lib/db";

// Kept on globalThis so Next's dev reloads reuse the pools instead of opening new ones.
const pools = ((globalThis as unknown as { meshportPgPools?: Map<string, pg.Pool> }).meshportPgPools ??= new Map());

/** One named pool per process, created on first use. */
function sharedPool(applicationName: string, max: number): pg.Pool {
  let pool = pools.get(applicationName);
  if (!pool) {
    pool = new pg.Pool({ connectionString: env().DATABASE_URL, max, application_name: applicationName, options: SESSION_OPTIONS });
    pool.on("error", () => {}); // an idle client dropped by the server must not crash the process
    pools.set(applicationName, pool);
  }
  return pool;
}

export function pgPool(): pg.Pool {
  return sharedPool("meshport-data", 10);
}

/**
 * The statement every request runs first, the session's user (lib/auth/current-user.ts) or the token's
 * (lib/auth/api-tokens.ts): on a small pool of its own, so it never queues behind data streams holding the
 * data pool, and through node-postgres because Prisma's raw query path adds about 0.3 ms to it
 * (docs/benchmarks.md).
 */
export function pgAuthPool(): pg.Pool {
  return sharedPool("meshport-auth", 4);
}

export async function newPgClient(applicationName: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: env().DATABASE_URL, application_name: applicationName, options: SESSION_OPTIONS });
  client.on("error", () => {});
  await client.connect();
  return client;
}

export type PgClient = pg.Client | pg.PoolClient;
