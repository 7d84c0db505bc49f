#!/usr/bin/env node
// Stand-in for Prisma's native `schema-engine` binary, which cannot be downloaded on air-gapped machines.
// Point PRISMA_SCHEMA_ENGINE_BINARY at this file (scripts/prisma.ts does) and every standard
// `prisma migrate ...` / `prisma db push` command runs on @prisma/schema-engine-wasm + @prisma/adapter-pg.
//
// Invocations the CLI makes (see scripts/prisma-engine/README.md):
//   --version                                               print a version line
//   --datasource '{"url":...}' cli can-connect-to-database   exit 0, or JSON error logs on stderr + exit 1
//   --datasource '{"url":...}' cli create-database           (used by `migrate dev` when the db is missing)
//   --datamodels <path> [--datamodels <path>...] --datasource '{"url":...}'
//                                                            line-delimited JSON-RPC 2.0 on stdin/stdout
// stdout carries only protocol output; diagnostics go to stderr (the CLI shows them with DEBUG=prisma*).
import { cleanMessage, writeCliErrorLog } from "./prisma-engine/errors.mjs";
import { serveJsonRpc } from "./prisma-engine/rpc.mjs";
import { EngineSession, canConnect, createDatabase, dropDatabaseByUrl } from "./prisma-engine/session.mjs";
import { engineCommitHash, wasmPackageVersion } from "./prisma-engine/wasm.mjs";

const log = (line) => process.stderr.write(`${line}\n`);

/** Flush stdout/stderr, then exit: pg pools and the advisory lock would otherwise keep us alive (gotcha 6). */
function exit(code) {
  process.exitCode = code;
  process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
}

function parseArgs(argv) {
  const opts = { datamodelPaths: [], datasource: undefined, cli: undefined, version: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    switch (arg) {
      case "--version":
      case "-V":
        opts.version = true;
        break;
      case "--datamodels":
      case "-d":
        opts.datamodelPaths.push(argv[++i]);
        break;
      case "--datasource":
        opts.datasource = JSON.parse(argv[++i]);
        break;
      case "--enabled-preview-features":
      case "--extension-types":
        i++; // accepted for compatibility; the wasm engine takes neither
        break;
      case "cli":
        opts.cli = argv.slice(i + 1);
        i = argv.length;
        break;
      default:
        throw new Error(`prisma-engine-shim: unknown argument ${arg}`);
    }
  }
  return opts;
}

async function runCliCommand(opts) {
  const url = opts.datasource?.url;
  const [command] = opts.cli;
  switch (command) {
    case "can-connect-to-database":
      await canConnect(url);
      return;
    case "create-database": {
      const { databaseName } = await createDatabase(url);
      log(`shim: created database ${databaseName}`);
      return;
    }
    case "drop-database":
      await dropDatabaseByUrl(url);
      return;
    default:
      throw new Error(`prisma-engine-shim: unsupported cli command ${command ?? "(none)"}`);
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.version) {
    process.stdout.write(`schema-engine-cli ${engineCommitHash()} (wasm shim, @prisma/schema-engine-wasm@${wasmPackageVersion()})\n`);
    return exit(0);
  }
  if (opts.cli) {
    try {
      await runCliCommand(opts);
      return exit(0);
    } catch (error) {
      writeCliErrorLog(error);
      return exit(1);
    }
  }
  const session = new EngineSession({ datamodelPaths: opts.datamodelPaths, datasource: opts.datasource, log });
  await serveJsonRpc(session, log);
  session.dispose();
  return exit(0);
}

main().catch((error) => {
  log(`prisma-engine-shim: ${cleanMessage(error)}`);
  exit(1);
});
