// A migration-aware driver-adapter factory for the wasm schema engine, built on @prisma/adapter-pg with the
// fixes listed in scripts/prisma-engine/README.md:
//   - gotcha 2: Postgres's internal `"char"` type (OID 18) is reported as text (OID 25), because adapter-pg
//     cannot deserialize it and the schema describer reads such columns from pg_catalog;
//   - gotcha 3: the pg config is built from discrete fields, never `{ connectionString }` (node-postgres lets
//     connectionString win over `database`, so a "shadow" database would silently be the MAIN database);
//   - gotcha 4: our own connectToShadowDb, which closes the shadow pool before dropping the shadow database;
//   - adapter-pg's executeScript splits scripts on every ";" and sends each piece through the pool (possibly on
//     different connections). That breaks `$$ ... ; ... $$` function bodies and `';'` literals in migrations.
//     The native engine sends a migration script as ONE simple-protocol query; we do the same.
import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { parse } from "pg-connection-string";

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

function fixCharFields(result) {
  for (const res of Array.isArray(result) ? result : [result]) {
    for (const field of res?.fields ?? []) {
      if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    }
  }
  return result;
}

/** pg.Client that rewrites OID 18 ("char") result fields to OID 25 (text). Handed to pg.Pool as `Client`. */
export class CharAsTextClient extends pg.Client {
  query(config, values, callback) {
    if (typeof values === "function") {
      callback = values;
      values = undefined;
    }
    if (typeof callback === "function") {
      return super.query(config, values, (err, res) => callback(err, err ? res : fixCharFields(res)));
    }
    if (config && typeof config.submit === "function") return super.query(config, values);
    return super.query(config, values).then(fixCharFields);
  }
}

const PG_KEYS = ["host", "port", "database", "user", "password", "ssl", "application_name", "options", "client_encoding"];

/**
 * Discrete node-postgres config (no connectionString) + the Prisma `?schema=` parameter, if any.
 * @param {string} url
 */
export function pgConfigFromUrl(url) {
  const parsed = parse(url);
  /** @type {Record<string, unknown>} */
  const config = {};
  for (const key of PG_KEYS) {
    const value = parsed[key];
    if (value !== undefined && value !== null && value !== "") config[key] = value;
  }
  if (typeof config.port === "string") config.port = Number(config.port);
  if (config.host === undefined) config.host = "localhost";
  config.application_name ??= "prisma-engine-shim";
  const schema = typeof parsed.schema === "string" && parsed.schema !== "" ? parsed.schema : undefined;
  if (schema) {
    const searchPath = `-c search_path="${schema.replaceAll('"', '""')}"`;
    config.options = config.options ? `${config.options} ${searchPath}` : searchPath;
  }
  return { config, schema };
}

/** Connect a single pg client for administrative statements (CREATE/DROP DATABASE). */
export async function adminClient(config, database) {
  const client = new pg.Client({ ...config, database: database ?? config.database });
  await client.connect();
  return client;
}

const quoteIdent = (name) => `"${String(name).replaceAll('"', '""')}"`;

/** DROP DATABASE robustly: terminate stragglers, then drop (WITH (FORCE) is PG13+ only, so not relied on). */
export async function dropDatabase(client, name) {
  for (let attempt = 0; ; attempt++) {
    try {
      await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`);
      return;
    } catch (err) {
      if (attempt >= 3 || err?.code !== "55006") throw err; // 55006 = object_in_use
      await client.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [name]);
      await new Promise((r) => setTimeout(r, 100 * (attempt + 1)));
    }
  }
}

/** Replace adapter-pg's statement-splitting executeScript with one simple-protocol query on one connection. */
function patchAdapter(adapter) {
  adapter.executeScript = async (script) => {
    try {
      await adapter.client.query(script);
    } catch (error) {
      adapter.onError(error);
    }
  };
  return adapter;
}

class ShimPgFactory extends PrismaPg {
  /**
   * @param {Record<string, unknown>} config discrete pg config
   * @param {{ schema?: string }} options
   * @param {string | undefined} shadowDatabaseUrl explicit shadow database (prisma.config.ts), if any
   */
  constructor(config, options, shadowDatabaseUrl) {
    super({ ...config, Client: CharAsTextClient }, options);
    this.discreteConfig = config;
    this.shadowDatabaseUrl = shadowDatabaseUrl;
  }

  async connect() {
    return patchAdapter(await super.connect());
  }

  async connectToShadowDb() {
    if (this.shadowDatabaseUrl) {
      // A user-provided shadow database is used as is; the engine resets it itself before replaying.
      const { config, schema } = pgConfigFromUrl(this.shadowDatabaseUrl);
      return new ShimPgFactory(config, { schema }).connect();
    }
    const admin = await adminClient(this.discreteConfig);
    const database = `prisma_migrate_shadow_db_${randomUUID()}`;
    try {
      await admin.query(`CREATE DATABASE ${quoteIdent(database)}`);
    } catch (err) {
      await admin.end().catch(() => {});
      throw err;
    }
    const shadow = await new ShimPgFactory({ ...this.discreteConfig, database }, this.options).connect();
    const closeShadowPool = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      try {
        await closeShadowPool(); // close the shadow pool FIRST, or DROP fails with "being accessed by other users"
        await dropDatabase(admin, database);
      } finally {
        await admin.end().catch(() => {});
      }
    };
    return shadow;
  }
}

/**
 * Without a datasource URL (e.g. `migrate diff --from-empty --to-schema x --script` and no DATABASE_URL) the
 * engine still probes the server once when it is created. Answer that probe as a generic PostgreSQL 16 and fail
 * every other statement, so offline diffs work and anything needing a database says why it cannot.
 */
function offlineFactory() {
  const noDatabase = async () => {
    throw new Error("No datasource URL was given to the schema engine (is DATABASE_URL set?).");
  };
  const adapter = {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    async queryRaw(query) {
      if (!/current_setting\('server_version_num'\)/.test(query.sql)) return noDatabase();
      return {
        columnNames: ["exists", "version", "numeric_version"],
        columnTypes: [5 /* Boolean */, 7 /* Text */, 0 /* Int32 */],
        rows: [[true, "PostgreSQL 16.0 (offline, no datasource)", 160000]],
      };
    },
    executeRaw: noDatabase,
    executeScript: noDatabase,
    startTransaction: noDatabase,
    getConnectionInfo: () => ({ supportsRelationJoins: true }),
    dispose: async () => {},
  };
  return { provider: "postgres", adapterName: "@prisma/adapter-pg", connect: async () => adapter, connectToShadowDb: noDatabase };
}

/**
 * @param {{ url?: string, shadowDatabaseUrl?: string } | undefined} datasource
 */
export function createAdapterFactory(datasource) {
  if (!datasource?.url) return offlineFactory();
  const { config, schema } = pgConfigFromUrl(datasource.url);
  return new ShimPgFactory(config, { schema }, datasource.shadowDatabaseUrl);
}
