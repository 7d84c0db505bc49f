// Streams COPY text lines into a table through pg-copy-streams, batching lines into ~64 kB chunks and
// honouring backpressure, so memory stays flat however large the load.
import "server-only";
import { once } from "node:events";
import { from as copyFrom, type CopyStreamQuery } from "pg-copy-streams";
import { qualified, quoteIdent } from "@/lib/provisioning";
import type { PgClient } from "@/lib/pg";

const CHUNK = 64 * 1024;

export class CopyWriter {
  private stream: CopyStreamQuery | null = null;
  private buffer = "";
  private failed: Error | null = null;

  constructor(
    private readonly client: PgClient,
    private readonly schema: string,
    private readonly table: string,
    private readonly columns: readonly string[],
  ) {}

  start(): void {
    const sql = `COPY ${qualified(this.schema, this.table)} (${this.columns.map(quoteIdent).join(", ")}) FROM STDIN`;
    this.stream = this.client.query(copyFrom(sql));
    this.stream.on("error", (e: Error) => {
      this.failed ??= e;
    });
  }

  /**
   * Adds one line. Synchronous unless the socket is full: then it returns a promise to await before
   * writing more (so a million rows cost a million appends, not a million promises).
   */
  write(line: string): Promise<void> | undefined {
    this.buffer += line;
    return this.buffer.length >= CHUNK ? this.flush() : undefined;
  }

  private flush(): Promise<void> | undefined {
    const stream = this.stream;
    if (!stream || this.buffer.length === 0) return undefined;
    if (this.failed) return Promise.reject(this.failed);
    const chunk = this.buffer;
    this.buffer = "";
    if (stream.write(chunk)) return undefined;
    return Promise.race([once(stream, "drain"), once(stream, "error")]).then(() => {
      if (this.failed) throw this.failed;
    });
  }

  /** Ends the COPY; resolves with the number of rows PostgreSQL stored. */
  async finish(): Promise<number> {
    const stream = this.stream;
    if (!stream) return 0;
    await this.flush();
    const done = once(stream, "finish");
    stream.end();
    await Promise.race([done, once(stream, "error").then(([e]) => Promise.reject(e as Error))]);
    if (this.failed) throw this.failed;
    return stream.rowCount;
  }

  /** Abandons the COPY (PostgreSQL receives CopyFail, the statement is rolled back). */
  async abort(): Promise<void> {
    const stream = this.stream;
    this.stream = null;
    this.buffer = "";
    if (!stream || stream.destroyed) return;
    const closed = once(stream, "close").catch(() => {});
    stream.destroy(new Error("load rejected"));
    await closed;
  }
}
