// Error helpers: the JSON-RPC error shape the Prisma CLI expects, and the `cli` sub-command error logs.

/** Strip the tracing span dump (`   0: sql_schema_connector::...`) the wasm engine appends to messages. */
export function cleanMessage(error) {
  const raw = error instanceof Error ? error.message : typeof error === "string" ? error : JSON.stringify(error);
  const lines = String(raw).split("\n");
  const spanStart = lines.findIndex((line) => /^\s+0: \S+::/.test(line));
  return (spanStart === -1 ? lines : lines.slice(0, spanStart)).join("\n").trimEnd();
}

/**
 * JSON-RPC error body. The CLI prints `data.message` (prefixed by `data.error_code` when present); a code of
 * 4466 is what the native engine uses for user-facing errors.
 */
export function rpcError(error) {
  /** @type {{ is_panic: boolean, message: string, error_code?: string }} */
  const data = { is_panic: false, message: cleanMessage(error) };
  const code = error && typeof error === "object" && "errorCode" in error ? error.errorCode : undefined;
  if (typeof code === "string") data.error_code = code;
  return { code: 4466, message: "An error happened. Check the data field for details.", data };
}

/** An error carrying a Prisma error code (P1000, P1001, P1003...). */
export class CodedError extends Error {
  /** @param {string} errorCode @param {string} message */
  constructor(errorCode, message) {
    super(message);
    this.errorCode = errorCode;
  }
}

/**
 * Map a node-postgres connection error to the Prisma error the native engine would report.
 * @param {any} err @param {{ host?: string, port?: number, database?: string, user?: string }} config
 */
export function connectionError(err, config) {
  const at = `${config.host ?? "localhost"}:${config.port ?? 5432}`;
  switch (err?.code) {
    case "3D000":
      return new CodedError("P1003", `Database \`${config.database}\` does not exist on the database server at \`${at}\`.`);
    case "28P01":
    case "28000":
      return new CodedError(
        "P1000",
        `Authentication failed against database server at \`${at}\`, the provided database credentials for \`${config.user}\` are not valid.`,
      );
    case "ECONNREFUSED":
    case "ENOTFOUND":
    case "EAI_AGAIN":
    case "ETIMEDOUT":
      return new CodedError(
        "P1001",
        `Can't reach database server at \`${at}\`\n\nPlease make sure your database server is running at \`${at}\`.`,
      );
    default:
      return err instanceof Error ? err : new Error(String(err));
  }
}

/**
 * For `--datasource ... cli <command>` the CLI parses stderr as JSON log lines, SKIPPING THE FIRST LINE, and
 * looks for `{ level: "ERROR", target: "schema_engine::logger", fields: { error_code, message } }`.
 */
export function writeCliErrorLog(error) {
  const fields = { message: cleanMessage(error) };
  if (error && typeof error === "object" && typeof error.errorCode === "string") fields.error_code = error.errorCode;
  const header = { level: "INFO", fields: { message: "Starting schema engine shim CLI command" }, target: "schema_engine::logger" };
  process.stderr.write(`${JSON.stringify(header)}\n${JSON.stringify({ level: "ERROR", fields, target: "schema_engine::logger" })}\n`);
}
