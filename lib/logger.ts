// Structured JSON logs (pino) for the server side: one line per event, with a correlation id where known.
import pino from "pino";

const level = process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info");

export const logger = pino({
  level,
  base: { service: "meshport" },
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: { paths: ["password", "*.password", "passwordHash", "*.passwordHash", "headers.cookie"], remove: true },
});
