// Catalog answers (search, and one product's catalog entry by name) are the same for every caller (they read
// no user), so the portal keeps recent ones in memory instead of reading the same rows again for every request.
// Any change to data_products or domains, by any process (portal, worker, CLI, psql), sends NOTIFY
// catalog_changed when its transaction commits (triggers in the migration 20261202170000_catalog_changed_notify);
// this process LISTENs and forgets every kept answer on each one. While the listener is not connected, nothing
// is kept: answers come straight from the database, as before.
import "server-only";
import type pg from "pg";
import { newPgClient } from "@/lib/pg";
import { searchProducts, type SearchResult } from "@/lib/products/search";
import type { SearchQuery } from "@/lib/products/search-query";
import { getProductEntry } from "@/lib/products/queries";
import type { ProductEntry } from "@/lib/products/dto";

export const CATALOG_CHANNEL = "catalog_changed";

export type ChangeCache<V> = {
  /** The kept answer for `key`, or `load()`'s (kept while no change arrives; concurrent misses share one load). */
  get(key: string, load: () => Promise<V>): Promise<V>;
  /** Forget every kept answer (also done on each notification). */
  changed(): void;
  /** Whether answers are being kept (the listener is connected). */
  readonly active: boolean;
  close(): Promise<void>;
};

type Entry<V> = { generation: number; at: number; value: Promise<V> };

/**
 * A small in-memory cache emptied by NOTIFY on `channel`. An answer is kept under the generation it was
 * loaded in, and every notification, reconnect or lost connection starts a new generation; since
 * PostgreSQL delivers a notification only after its transaction committed, a load that starts after the
 * notification arrived sees the change. `ttlMs` bounds how long any answer is kept regardless.
 */
export function createChangeCache<V>(opts: {
  channel: string;
  connect: () => Promise<pg.Client>;
  maxEntries?: number;
  ttlMs?: number;
}): ChangeCache<V> {
  const maxEntries = opts.maxEntries ?? 500;
  const ttlMs = opts.ttlMs ?? 60_000;
  const entries = new Map<string, Entry<V>>();
  let generation = 0;
  let client: pg.Client | null = null;
  let connecting: Promise<void> | null = null;
  let closed = false;

  const changed = () => {
    generation += 1;
    entries.clear();
  };
  const drop = (c: pg.Client) => {
    if (client !== c) return;
    client = null;
    changed();
    c.end().catch(() => {});
  };
  const listen = () => {
    if (client || connecting || closed) return;
    connecting = (async () => {
      try {
        const c = await opts.connect();
        c.on("notification", (n) => {
          if (n.channel === opts.channel) changed();
        });
        c.on("error", () => drop(c));
        c.on("end", () => drop(c));
        await c.query(`LISTEN ${opts.channel}`);
        if (closed) {
          await c.end();
          return;
        }
        changed(); // whatever happened while nobody listened
        client = c;
      } catch {
        // No listener: answers are not kept; the next request tries again.
      } finally {
        connecting = null;
      }
    })();
  };

  return {
    get(key, load) {
      listen();
      if (!client) return load();
      const now = Date.now();
      const hit = entries.get(key);
      if (hit && hit.generation === generation && now - hit.at < ttlMs) {
        entries.delete(key); // most recently used last, so the oldest go first
        entries.set(key, hit);
        return hit.value;
      }
      const entry: Entry<V> = { generation, at: now, value: load() };
      entry.value.catch(() => {
        if (entries.get(key) === entry) entries.delete(key); // a failure is not kept
      });
      entries.set(key, entry);
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
      return entry.value;
    },
    changed,
    get active() {
      return client !== null;
    },
    async close() {
      closed = true;
      const c = client;
      client = null;
      changed();
      await c?.end().catch(() => {});
    },
  };
}

const globalForCatalog = globalThis as unknown as {
  meshportCatalogCache?: ChangeCache<SearchResult>;
  meshportEntryCache?: ChangeCache<ProductEntry | null>;
};

function catalogCache(): ChangeCache<SearchResult> {
  globalForCatalog.meshportCatalogCache ??= createChangeCache<SearchResult>({
    channel: CATALOG_CHANNEL,
    connect: () => newPgClient("meshport-catalog-listener"),
  });
  return globalForCatalog.meshportCatalogCache;
}

/** searchProducts for the catalog page (with facet counts) and the search API, through the shared cache. */
export function searchCatalog(query: SearchQuery, opts: { facets?: boolean } = {}): Promise<SearchResult> {
  // Every field of the query, in a fixed order, and whether facets were asked for, is the key.
  const key = JSON.stringify([Object.entries(query).sort(([a], [b]) => (a < b ? -1 : 1)), Boolean(opts.facets)]);
  return catalogCache().get(key, () => searchProducts(query, opts));
}

// One product's catalog entry (GET /api/v1/products/{domain}/{name}) reads only data_products and domains, so
// the same notification keeps it exact. Its own cache (and listener), so a client walking every product by name
// does not push the search answers out; "not found" is kept too (creating the product notifies).
function entryCache(): ChangeCache<ProductEntry | null> {
  globalForCatalog.meshportEntryCache ??= createChangeCache<ProductEntry | null>({
    channel: CATALOG_CHANNEL,
    connect: () => newPgClient("meshport-entry-listener"),
    maxEntries: 2_000,
  });
  return globalForCatalog.meshportEntryCache;
}

/** getProductEntry through the shared cache. The answer is shared between requests: read it, never change it. */
export function catalogEntry(domain: string, name: string): Promise<ProductEntry | null> {
  return entryCache().get(JSON.stringify([domain, name]), () => getProductEntry(domain, name));
}

/** For writers in this process: forget kept answers now, without waiting for the notification. */
export function catalogChanged(): void {
  globalForCatalog.meshportCatalogCache?.changed();
  globalForCatalog.meshportEntryCache?.changed();
}
