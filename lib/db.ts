// The single Prisma client, on the node-postgres driver adapter (no native engine needed).
// Created on first use, so importing this module during `next build` needs no database.
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

/**
 * Session settings for every connection.
 * - TimeZone=UTC: Prisma stores DateTime as UTC in `timestamp` columns without a zone, so raw SQL comparing
 *   them with now() (session ends, sign-in waits) is right only when the session's zone is UTC, whatever the
 *   server's default is.
 * - Catalog search matches typos against the words of a name with pg_trgm's word similarity; its default
 *   threshold (0.6) misses a one-letter slip in a short word ("custmer" ~ "customer" is 0.55), so 0.5.
 */
export const SESSION_OPTIONS = "-c TimeZone=UTC -c pg_trgm.word_similarity_threshold=0.5";

/**
 * For bookkeeping that may lose its last fraction of a second in a database crash (a token's last use and
 * rate count, usage metrics), never for records (audit rows, changes): `WITH relaxed AS (${RELAXED_COMMIT})`,
 * referenced by the statement, lets that statement's own transaction commit without waiting for its WAL flush
 * (set_config(…, true) lasts for that transaction only). Only in a statement run on its own: inside a caller's
 * transaction it would relax the caller's commit too.
 */
export const RELAXED_COMMIT = Prisma.sql`SELECT set_config('synchronous_commit', 'off', true) AS relaxed`;

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

function client(): PrismaClient {
  if (!globalForPrisma.prisma) {
    const adapter = new PrismaPg({ connectionString: env().DATABASE_URL, max: 10, options: SESSION_OPTIONS });
    // A transaction waits up to 10 s for a free connection (Prisma's default is 2 s): a burst of writers on a
    // loaded machine queues behind the 10-connection pool instead of failing with "Unable to start a transaction".
    globalForPrisma.prisma = new PrismaClient({ adapter, transactionOptions: { maxWait: 10_000, timeout: 15_000 } });
  }
  return globalForPrisma.prisma;
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const c = client();
    const value = Reflect.get(c, prop, c) as unknown;
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(c) : value;
  },
});

export type Db = PrismaClient;
/** The client inside `db.$transaction(async (tx) => ...)`. */
export type Tx = Parameters<Extract<Parameters<PrismaClient["$transaction"]>[0], (...args: never[]) => unknown>>[0];

/** The database the portal works in (current_database()): provisioned role names carry it (lib/provisioning/naming.ts). */
export async function portalDatabase(): Promise<string> {
  const [row] = await db.$queryRaw<{ name: string }[]>`SELECT current_database() AS name`;
  return row.name;
}
