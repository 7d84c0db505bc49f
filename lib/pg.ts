// Plain node-postgres connections for what Prisma cannot do: DDL, advisory locks, COPY. The pool serves
// short reads and loads; jobs use a dedicated client so a session-level lock lives exactly as long as
// the connection (a crashed worker's lock vanishes with its socket).
import "server-only";
import pg from "pg";
import { env } from "@/lib/env";
import { SESSION_OPTIONS } from "@/lib/db";

const globalForPg = globalThis as unknown as { meshportPgPool?: pg.Pool };

export function pgPool(): pg.Pool {
  if (!globalForPg.meshportPgPool) {
    const pool = new pg.Pool({
      connectionString: env().DATABASE_URL,
      max: 10,
      application_name: "meshport-data",
      options: SESSION_OPTIONS,
    });
    pool.on("error", () => {}); // an idle client dropped by the server must not crash the process
    globalForPg.meshportPgPool = pool;
  }
  return globalForPg.meshportPgPool;
}

export async function newPgClient(applicationName: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: env().DATABASE_URL, application_name: applicationName, options: SESSION_OPTIONS });
  client.on("error", () => {});
  await client.connect();
  return client;
}

export type PgClient = pg.Client | pg.PoolClient;
