// Line-delimited JSON-RPC 2.0 over stdin/stdout, as the Prisma CLI speaks it to the native schema engine.
// Requests are served one at a time (wasm engine methods are not re-entrant). Only JSON-RPC goes to stdout.
import readline from "node:readline";
import { cleanMessage, rpcError } from "./errors.mjs";

/**
 * @param {import("./session.mjs").EngineSession} session
 * @param {(line: string) => void} log diagnostics (stderr)
 * @returns {Promise<void>} resolves once stdin is closed and every request has been answered
 */
export function serveJsonRpc(session, log) {
  const send = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);
  /** replies from the CLI to requests WE sent it (the `print` acks), by id */
  const awaitingAck = new Map();
  let printSeq = 0;

  const print = (content) =>
    new Promise((resolve) => {
      const id = `print-${++printSeq}`;
      awaitingAck.set(id, resolve);
      send({ jsonrpc: "2.0", id, method: "print", params: { content } });
    });

  let queue = Promise.resolve();
  const handle = async (request) => {
    const { id, method, params } = request;
    const started = Date.now();
    try {
      const result = await session.call(method, params, print);
      log(`shim: ${method} ok in ${Date.now() - started} ms`);
      if (id !== undefined && id !== null) send({ jsonrpc: "2.0", id, result: result ?? null });
    } catch (error) {
      log(`shim: ${method} failed in ${Date.now() - started} ms: ${cleanMessage(error)}`);
      if (id !== undefined && id !== null) send({ jsonrpc: "2.0", id, error: rpcError(error) });
    }
  };

  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
    rl.on("line", (line) => {
      if (!line.trim()) return;
      let message;
      try {
        message = JSON.parse(line);
      } catch {
        send({ jsonrpc: "2.0", id: null, error: { code: -32700, message: "Parse error" } });
        return;
      }
      if (message.method === undefined) {
        // A reply to a request WE sent. Handle it now, not queued: the request that sent `print` waits on it.
        awaitingAck.get(message.id)?.();
        awaitingAck.delete(message.id);
        return;
      }
      queue = queue.then(() => handle(message));
    });
    rl.on("close", () => queue.then(resolve));
  });
}
