// One wasm SchemaEngine per shim process, created lazily on the first request (SchemaEngine.new connects
// to the database immediately, so creating it eagerly would turn e.g. "database does not exist" into a crash
// before the CLI has asked anything).
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { adminClient, createAdapterFactory, dropDatabase, pgConfigFromUrl } from "./adapter.mjs";
import { CodedError, connectionError } from "./errors.mjs";
import { loadSchemaEngineWasm } from "./wasm.mjs";

const require = createRequire(import.meta.url);
const { bindMigrationAwareSqlAdapterFactory } = require("@prisma/driver-adapter-utils");

/** Methods after which the engine's cached "migrations -> schema" state (from devDiagnostic) is stale. */
const STATE_CHANGING = new Set(["applyMigrations", "reset", "schemaPush", "dbExecute", "markMigrationApplied", "markMigrationRolledBack"]);
/** Methods that only work after a devDiagnostic on the current database state (gotcha 5). */
const NEEDS_FRESH_DIAGNOSTIC = new Set(["evaluateDataLoss", "createMigration"]);

export class EngineSession {
  /**
   * @param {{ datamodelPaths: string[], datasource?: { url?: string, shadowDatabaseUrl?: string }, log: (line: string) => void }} opts
   */
  constructor({ datamodelPaths, datasource, log }) {
    this.datamodelPaths = datamodelPaths;
    this.datasource = datasource;
    this.log = log;
    this.engine = undefined;
    this.diagnosticIsFresh = false;
  }

  async getEngine() {
    if (this.engine) return this.engine;
    const bg = await loadSchemaEngineWasm();
    const datamodels = this.datamodelPaths.length
      ? await Promise.all(this.datamodelPaths.map(async (p) => [p, await readFile(p, "utf8")]))
      : undefined;
    const factory = bindMigrationAwareSqlAdapterFactory(createAdapterFactory(this.datasource));
    this.engine = await bg.SchemaEngine.new({ datamodels }, (line) => this.log(String(line).trimEnd()), factory);
    return this.engine;
  }

  /**
   * Run one JSON-RPC method. `print` sends content to the CLI (the `diff` dance) and resolves on its ack.
   * @param {string} method @param {any} params @param {(content: string) => Promise<void>} print
   */
  async call(method, params, print) {
    switch (method) {
      case "createDatabase":
        return createDatabase(params?.datasource?.url ?? this.datasource?.url);
      case "getDatabaseDescription":
        throw new Error("getDatabaseDescription is not supported by the wasm schema engine shim.");
      case "getDatabaseVersion":
        return (await this.getEngine()).version(params ?? undefined);
      case "debugPanic":
        (await this.getEngine()).debugPanic();
        return {};
      case "diff": {
        const result = await (await this.getEngine()).diff(params);
        // The wasm engine returns the SQL; the CLI only prints what the engine sends it as a `print` request.
        if (result?.stdout) await print(result.stdout);
        return { ...result, stdout: null };
      }
      default:
        break;
    }
    const engine = await this.getEngine();
    if (typeof engine[method] !== "function" || method === "free" || method === "constructor") {
      throw new Error(`Unknown schema engine method: ${method}`);
    }
    if (NEEDS_FRESH_DIAGNOSTIC.has(method) && !this.diagnosticIsFresh) {
      this.log(`shim: re-running devDiagnostic before ${method}`);
      await engine.devDiagnostic({ migrationsList: params.migrationsList, filters: params.filters });
      this.diagnosticIsFresh = true;
    }
    const result = await engine[method](params);
    if (method === "devDiagnostic") this.diagnosticIsFresh = true;
    else if (method === "applyMigrations") {
      if (result?.appliedMigrationNames?.length) this.diagnosticIsFresh = false;
    } else if (STATE_CHANGING.has(method)) this.diagnosticIsFresh = false;
    return result;
  }

  dispose() {
    try {
      this.engine?.free();
    } catch {
      // already freed / never created
    }
    this.engine = undefined;
  }
}

const quoteIdent = (name) => `"${String(name).replaceAll('"', '""')}"`;

/** CREATE DATABASE for the database named in `url`, connecting to the `postgres` maintenance database. */
export async function createDatabase(url) {
  if (!url) throw new Error("createDatabase: no datasource URL.");
  const { config } = pgConfigFromUrl(url);
  const databaseName = String(config.database ?? config.user ?? "postgres");
  let client;
  for (const maintenance of ["postgres", "template1"]) {
    try {
      client = await adminClient(config, maintenance);
      break;
    } catch (err) {
      if (maintenance === "template1") throw connectionError(err, { ...config, database: maintenance });
    }
  }
  try {
    await client.query(`CREATE DATABASE ${quoteIdent(databaseName)}`);
  } catch (err) {
    if (err?.code === "42P04") throw new CodedError("P1009", `Database \`${databaseName}\` already exists on the database server`);
    throw err;
  } finally {
    await client.end().catch(() => {});
  }
  return { databaseName };
}

/** `cli can-connect-to-database`: connect and run SELECT 1, mapping failures to P1000/P1001/P1003. */
export async function canConnect(url) {
  if (!url) throw new CodedError("P1012", "No datasource URL was given to the schema engine.");
  const { config } = pgConfigFromUrl(url);
  let client;
  try {
    client = await adminClient(config);
    await client.query("SELECT 1");
  } catch (err) {
    throw connectionError(err, config);
  } finally {
    await client?.end().catch(() => {});
  }
}

/** `cli drop-database`. */
export async function dropDatabaseByUrl(url) {
  const { config } = pgConfigFromUrl(url);
  const client = await adminClient(config, "postgres");
  try {
    await dropDatabase(client, config.database);
  } finally {
    await client.end().catch(() => {});
  }
}
