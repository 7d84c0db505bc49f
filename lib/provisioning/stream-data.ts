// The data API's cursor read, streamed: one page (filters, sort, keyset cursor: data-query.ts) read from a
// server-side cursor (pg-cursor) in batches as the HTTP client takes them, so a 100,000-row page never sits
// in memory and a page deep in the table costs what the first one does (the keyset condition is an index
// range, not an OFFSET). Governance, database role and masking are those of every read (prepareRead).
// The first batch is read before anything is answered, so a refusal or a database error is still a
// problem+json; the caller must close() the read (the stream does when it ends or is cancelled).
import "server-only";
import Cursor from "pg-cursor";
import type pg from "pg";
import type { CurrentUser } from "@/lib/auth/server";
import { pgPool } from "@/lib/pg";
import type { ProductField } from "@/lib/products";
import { beginRead, DATA_TYPES, prepareRead, readFailure, servedSource, type DataPage, type ReadRef } from "./read-data";
import { buildSelect, cursorAfter, withoutKeys, type DataQuery } from "./data-query";
import { primaryKeyFor, ROW_ID } from "./table-design";

/** Rows fetched from PostgreSQL per round trip. */
export const STREAM_BATCH = 1000;
/** A page nobody reads from for this long is closed and its connection returned (PostgreSQL's own limit is 60 s). */
export const STREAM_IDLE_MS = 30_000;

export type StreamRef = Pick<ReadRef, "domain" | "name" | "environment" | "major" | "dataset"> & {
  /** Parses the caller's fields, filters, sort, cursor and limit against the served fields (once allowed). */
  select: (fields: readonly ProductField[]) => DataQuery;
  /**
   * Find the next page's cursor before streaming (NDJSON and CSV send it in the Link header); JSON leaves
   * it for the body's end, known once the page is read.
   */
  cursorFirst: boolean;
};

export type DataStream = {
  productId: string;
  domainId: string;
  meta: Pick<DataPage, "product" | "environment" | "dataset" | "version" | "columns" | "masked" | "access">;
  /** With cursorFirst: the next page's cursor (null on the last page), known before the rows. */
  nextCursor: string | null | undefined;
  /** The next batch of rows (empty once the page is done). */
  next: () => Promise<Record<string, unknown>[]>;
  /** The next page's cursor once next() has answered empty (null on the last page). */
  cursorAfterPage: () => string | null;
  /** Ends the read: closes the cursor and the transaction and returns the connection. Idempotent. */
  close: (error?: unknown) => Promise<void>;
};

export async function streamProductData(user: CurrentUser, ref: StreamRef): Promise<DataStream> {
  const read = await prepareRead(user, { ...ref, via: "data_api" });
  const served = await servedSource(read, ref);
  const query = ref.select(served.fields);
  const built = buildSelect(
    served.source,
    query,
    served.fields,
    primaryKeyFor(served.fields).filter((k) => k !== ROW_ID),
  );
  const client = await pgPool().connect();
  let cursor: Cursor | null = null;
  let closed = false;
  // A connection the server ends mid-stream (idle timeout, restart) is destroyed, not returned to the pool,
  // and must not crash the process.
  let broken: unknown = null;
  const onError = (e: unknown) => {
    broken = e;
    void close(e);
  };
  client.on("error", onError);
  // Whoever holds the page may drop it unread (a client gone before the body was piped): the connection
  // must come back to the pool all the same.
  let idle: NodeJS.Timeout | null = null;
  const watch = () => {
    if (idle) clearTimeout(idle);
    idle = setTimeout(() => void close(new Error("data stream abandoned")), STREAM_IDLE_MS);
    idle.unref();
  };
  const close = async (error?: unknown) => {
    if (closed) return;
    closed = true;
    if (idle) clearTimeout(idle);
    let failure = error ?? broken;
    try {
      if (!failure) {
        await cursor?.close();
        await client.query("COMMIT");
      } else await client.query("ROLLBACK");
    } catch (e) {
      failure ??= e;
    }
    client.off("error", onError);
    (client as pg.PoolClient).release(failure instanceof Error ? failure : failure ? new Error(String(failure)) : undefined);
  };

  try {
    await beginRead(client, read.role);
    let nextCursor: string | null | undefined;
    if (ref.cursorFirst) {
      // The page's last row and whether one follows, in the same snapshot as the rows.
      const edge = await client.query<Record<string, unknown>>(built.boundary);
      nextCursor = edge.rows.length === 2 ? cursorAfter(edge.rows[0], built.keys) : null;
    }
    cursor = client.query(new Cursor(built.text, built.values, { types: DATA_TYPES }));
    let fetched = 0;
    let done = false;
    let lastKeys: string | null = null;
    let cursorOfPage: string | null = null;
    // LIMIT n+1 (buildSelect): a row past the page means there is a next one, after the page's last row.
    const next = async (): Promise<Record<string, unknown>[]> => {
      if (closed || done) return [];
      watch();
      // A page of up to a batch (and the row that tells whether another follows) in one round trip.
      const remaining = query.limit + 1 - fetched;
      const size = remaining <= STREAM_BATCH + 1 ? remaining : STREAM_BATCH;
      const rows = (await cursor!.read(size)) as Record<string, unknown>[];
      fetched += rows.length;
      if (rows.length < size) done = true;
      if (fetched > query.limit) {
        rows.pop();
        done = true;
        cursorOfPage = rows.length > 0 ? cursorAfter(rows[rows.length - 1], built.keys) : lastKeys;
      } else if (rows.length > 0) lastKeys = cursorAfter(rows[rows.length - 1], built.keys);
      return rows.map((r) => withoutKeys(r, built.keys.length));
    };
    const first = await next();
    let pending: Record<string, unknown>[] | null = first;
    return {
      productId: read.product.id,
      domainId: read.product.domainId,
      meta: {
        product: `${read.product.domain}/${read.product.name}`,
        environment: ref.environment,
        version: served.version,
        columns: built.columns,
        masked: served.masked.filter((m) => built.columns.includes(m)),
        access: read.access,
        dataset: read.dataset.key,
      },
      nextCursor,
      next: async () => {
        const rows = pending ?? (await next());
        pending = null;
        return rows;
      },
      cursorAfterPage: () => cursorOfPage,
      close,
    };
  } catch (e) {
    await close(e);
    throw readFailure(e, `${read.product.domain}/${read.product.name}`, ref.environment);
  }
}
