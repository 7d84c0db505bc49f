// Loads rows into a provisioned product: a CSV stream or a JSON batch, every row checked against the
// fields the deployment was provisioned with. All-or-nothing: rows stream into COPY inside one
// transaction, and the first bad row aborts the COPY while the rest of the input is still checked, so
// the owner gets every bad row (the first 100 listed, all counted) and the table gets none of them.
import "server-only";
import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { DatabaseError } from "pg";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/server";
import { AppError, ForbiddenError, PayloadTooLargeError, ValidationError } from "@/lib/errors";
import { enforce } from "@/lib/governance/server";
import { logger } from "@/lib/logger";
import { recordMetricEvent } from "@/lib/metrics/server";
import { type DeploymentResources, type EnvironmentName, primaryKeyFor, type ProvisionRequest, requestedDataset } from "@/lib/provisioning";
import { loadOwnedProduct } from "@/lib/provisioning/server";
import { pgPool } from "@/lib/pg";
import type { ProductField } from "@/lib/products";
import { CopyWriter } from "./copy-writer";
import { CsvReader } from "./csv-reader";
import { uploadTooLargeMessage } from "./limits";
import { loadLockKey } from "./recover-loads";
import { checkHeader, makeRowValidator, type RowError, type RowValidator, type Source } from "./row-validator";

export const MAX_LISTED_ERRORS = 100;
export const MAX_JSON_BYTES = 10 * 1024 * 1024;

export type LoadResult = {
  loadId: string;
  status: "succeeded" | "rejected";
  format: Source;
  rowsTotal: number;
  rowsLoaded: number;
  bytes: number;
  errorCount: number;
  /** The first MAX_LISTED_ERRORS problems: `row` is the CSV line number, or the JSON array position (1-based). */
  errors: RowError[];
  durationMs: number;
};

type Target = {
  productId: string;
  domainId: string;
  deploymentId: string;
  schema: string;
  table: string;
  /** The dataset's key (datasets.ts), recorded on the load. */
  dataset: string;
  fields: ProductField[];
  primaryKey: string[];
};

export type LoadRef = {
  domain: string;
  name: string;
  environment: EnvironmentName;
  /** Which of the contract's datasets (`?dataset=`, its key or declared name); absent: the first. */
  dataset?: string | null;
};

/** Owner check (403), governance write check (403), and the active deployment's table and fields. */
export async function resolveTarget(user: CurrentUser, ref: LoadRef): Promise<Target> {
  const product = await loadOwnedProduct(user, ref.domain, ref.name, "load data into");
  const decision = await enforce(
    user,
    "write",
    { type: "data_product", id: product.name, domain: product.domain, classification: product.classification },
    { via: "ingestion", environment: ref.environment },
  );
  if (decision.decision !== "allow") throw new ForbiddenError(`Governance policy denies loading data: ${decision.reason}`);
  const deployment = await db.deployment.findUnique({
    where: { productId_environment: { productId: product.id, environment: ref.environment } },
    select: {
      id: true,
      status: true,
      schemaName: true,
      tableName: true,
      resources: true,
      jobs: {
        where: { status: "succeeded", kind: { not: "deprovision" } },
        orderBy: { finishedAt: "desc" },
        take: 1,
        select: { spec: true },
      },
    },
  });
  if (!deployment || deployment.status !== "active" || !deployment.schemaName || !deployment.tableName || deployment.jobs.length === 0) {
    throw new ValidationError(`${ref.domain}/${ref.name} is not provisioned in ${ref.environment}; provision it before loading data.`);
  }
  const { table, fields, dataset } = datasetTable(
    deployment.jobs[0].spec as unknown as ProvisionRequest,
    deployment.tableName,
    deployment.resources as DeploymentResources,
    ref,
  );
  return {
    productId: product.id,
    domainId: product.domainId,
    deploymentId: deployment.id,
    schema: deployment.schemaName,
    table,
    dataset,
    fields,
    primaryKey: primaryKeyFor(fields),
  };
}

/** The current table and fields of the dataset `ref.dataset` names (the first by default); unknown: 400 naming `dataset`. */
function datasetTable(request: ProvisionRequest, firstTable: string, resources: DeploymentResources, ref: LoadRef) {
  const { first, picked } = requestedDataset(request, ref);
  if (picked === null) return { table: firstTable, fields: request.spec.schema, dataset: first.key };
  const table = resources.datasets?.[picked.key]?.table;
  if (!table) throw new ValidationError(`Dataset ${picked.key} is not provisioned in ${ref.environment}; provision the product again.`);
  return { table, fields: picked.fields, dataset: picked.key };
}

/** Collects problems: the first MAX_LISTED_ERRORS verbatim, all of them counted. */
class Problems {
  list: RowError[] = [];
  count = 0;
  add(row: number, reason: string) {
    this.count++;
    if (this.list.length < MAX_LISTED_ERRORS) this.list.push({ row, reason });
  }
}

/** Where each written COPY line came from, to name the source row if PostgreSQL rejects a line. */
class LineMap {
  private lines = new Uint32Array(1024);
  size = 0;
  push(sourceRow: number) {
    if (this.size === this.lines.length) {
      const bigger = new Uint32Array(this.lines.length * 2);
      bigger.set(this.lines);
      this.lines = bigger;
    }
    this.lines[this.size++] = sourceRow;
  }
  get(copyLine: number): number {
    return this.lines[copyLine - 1] ?? copyLine;
  }
}

/** Takes one row; returns a promise only when the caller must wait (COPY backpressure). */
type Accept = (values: readonly unknown[], sourceRow: number) => Promise<void> | undefined;
type RowFeed = (accept: Accept, problems: Problems) => Promise<void>;

async function load(user: CurrentUser, target: Target, format: Source, feed: RowFeed, bytes: () => number): Promise<LoadResult> {
  const started = performance.now();
  const validator: RowValidator = makeRowValidator(target.fields, format, target.primaryKey);
  const problems = new Problems();
  const lineMap = new LineMap();
  let rowsTotal = 0;
  let rowsLoaded = 0;
  const client = await pgPool().connect();
  let broken = false;
  const writer = new CopyWriter(client, target.schema, target.table, validator.columns);
  const record = { id: randomUUID() };
  try {
    await client.query("BEGIN");
    // Held until COMMIT/ROLLBACK, or until this connection dies with the process: while it is held, the
    // "running" row below belongs to a live load (recover-loads.ts marks the others failed).
    await client.query("SELECT pg_advisory_xact_lock($1::bigint)", [loadLockKey(record.id)]);
    await db.ingestionLoad.create({
      data: { id: record.id, deploymentId: target.deploymentId, dataset: target.dataset, format, userId: user.id, status: "running" },
      select: { id: true },
    });
    await client.query("SET LOCAL TimeZone = 'UTC'");
    writer.start();
    let aborting: Promise<void> | undefined;
    await feed((values, sourceRow) => {
      rowsTotal++;
      const line = validator.toCopyLine(values);
      if (typeof line !== "string") {
        if (problems.count === 0) aborting = writer.abort();
        problems.add(sourceRow, line.join("; "));
        return undefined;
      }
      if (problems.count > 0) return undefined;
      lineMap.push(sourceRow);
      return writer.write(line);
    }, problems);
    await aborting;
    if (rowsTotal === 0 && problems.count === 0) problems.add(format === "csv" ? 2 : 1, "there are no data rows to load");
    if (problems.count > 0) {
      await writer.abort();
      await client.query("ROLLBACK");
    } else {
      try {
        rowsLoaded = await writer.finish();
      } catch (e) {
        await client.query("ROLLBACK").catch(() => {});
        if (!(e instanceof DatabaseError)) throw e;
        const copyLine = Number(/line (\d+)/.exec(e.where ?? "")?.[1] ?? 0);
        const reason =
          e.code === "23505"
            ? `duplicate primary key: ${e.detail ?? e.message} (already in the table)`
            : `PostgreSQL rejected the row: ${e.message}`;
        problems.add(copyLine ? lineMap.get(copyLine) : 0, reason);
        rowsLoaded = 0;
      }
      if (problems.count === 0) {
        await client.query(
          "UPDATE ingestion_loads SET status = 'succeeded', rows_total = $2, rows_loaded = $3, bytes = $4, finished_at = now() WHERE id = $1",
          [record.id, rowsTotal, rowsLoaded, bytes()],
        );
        await client.query("COMMIT");
      }
    }
  } catch (e) {
    broken = true;
    await writer.abort().catch(() => {});
    await client.query("ROLLBACK").catch(() => {});
    // An expected refusal of the whole upload (cut off, too large) is stored as the reason; anything else
    // is a fault the owner cannot fix, logged by the route, and the row only says it failed.
    const errors = e instanceof AppError ? [{ row: 0, reason: e.message }] : [];
    await db.ingestionLoad
      .update({ where: { id: record.id }, data: { status: "failed", finishedAt: new Date(), rowsTotal, bytes: BigInt(bytes()), errors } })
      .catch(() => {});
    throw e;
  } finally {
    client.release(broken);
  }
  // Malformed-line events arrive ahead of the rows being checked: present everything in line order.
  problems.list.sort((a, b) => a.row - b.row);
  const status = problems.count === 0 ? "succeeded" : "rejected";
  if (status === "rejected") {
    await db.ingestionLoad.update({
      where: { id: record.id },
      data: {
        status,
        rowsTotal,
        rowsLoaded: 0,
        bytes: BigInt(bytes()),
        errors: problems.list as unknown as object,
        finishedAt: new Date(),
      },
    });
  }
  const durationMs = Math.round(performance.now() - started);
  await recordMetricEvent({
    type: "ingestion_run",
    productId: target.productId,
    domainId: target.domainId,
    userId: user.id,
    value: status === "succeeded" ? rowsLoaded : 0,
    durationMs,
    flagged: status !== "succeeded",
    meta: { format, status, rowsTotal, errors: problems.count, loadId: record.id },
  }).catch((err: unknown) => logger.warn({ err }, "could not record ingestion metric"));
  return {
    loadId: record.id,
    status,
    format,
    rowsTotal,
    rowsLoaded: status === "succeeded" ? rowsLoaded : 0,
    bytes: bytes(),
    errorCount: problems.count,
    errors: problems.list,
    durationMs,
  };
}

/** What the transport promised about a body: the Content-Length it announced, and the most we accept. */
export type UploadLimits = { declaredBytes?: number; maxBytes?: number };

export function tooLarge(maxBytes: number): PayloadTooLargeError {
  return new PayloadTooLargeError(uploadTooLargeMessage(maxBytes), { body: ["Too large."] });
}

/** A body that ended short of its Content-Length or broke off: nothing is loaded (CSV here, JSON in the route). */
export function cutOff(received: number, declared: number | undefined): ValidationError {
  const of = declared === undefined ? "" : ` of the ${declared} announced`;
  return new ValidationError(
    `The upload was cut off after ${received} bytes${of} (the client disconnected or the connection broke). Nothing was loaded; upload the whole file again.`,
    { body: ["Incomplete upload."] },
  );
}

/**
 * Loads a CSV stream (header line first). Malformed lines are reported by line number. A body that ends
 * short of its Content-Length or breaks off (client gone) fails the load, so a last line cut mid-value
 * is never stored as a row; a body over `maxBytes` fails it with 413.
 */
export async function ingestCsv(user: CurrentUser, ref: LoadRef, body: Readable, limits: UploadLimits = {}): Promise<LoadResult> {
  const target = await resolveTarget(user, ref);
  const { declaredBytes, maxBytes = Number.POSITIVE_INFINITY } = limits;
  let bytes = 0;
  const feed: RowFeed = async (accept, problems) => {
    let indexes: number[] | null = null;
    let identity = false; // header in the fields' order: records go to the validator as they are
    let stopped = false;
    const reader = new CsvReader(
      (record, line) => {
        if (indexes) {
          if (identity) return accept(record, line);
          const values = new Array<string | undefined>(indexes.length);
          for (let i = 0; i < indexes.length; i++) values[i] = indexes[i] >= 0 ? record[indexes[i]] : undefined;
          return accept(values, line);
        }
        const header = checkHeader(record, target.fields);
        if (header.errors.length > 0) {
          for (const reason of header.errors) problems.add(line, `header: ${reason}`);
          stopped = true;
          return undefined;
        }
        indexes = header.indexes;
        identity = indexes.length === record.length && indexes.every((x, i) => x === i);
        return undefined;
      },
      (line, message, fatal) => {
        problems.add(line, `malformed CSV: ${message}`);
        if (fatal) stopped = true;
      },
    );
    const decoder = new StringDecoder("utf8");
    const chunks = (body as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
    for (;;) {
      let next: IteratorResult<Buffer>;
      try {
        next = await chunks.next();
      } catch {
        throw cutOff(bytes, declaredBytes); // the body broke off: the client hung up or the connection died
      }
      if (next.done) break;
      bytes += next.value.length;
      if (bytes > maxBytes) {
        body.destroy();
        throw tooLarge(maxBytes);
      }
      // After a header error the rest is still read (not parsed), so the client's upload completes
      // and it gets the answer rather than a reset connection.
      if (!stopped) await reader.push(decoder.write(next.value));
    }
    if (declaredBytes !== undefined && bytes !== declaredBytes) throw cutOff(bytes, declaredBytes);
    if (!stopped) {
      await reader.push(decoder.end());
      await reader.end();
    }
  };
  return load(user, target, "csv", feed, () => bytes);
}

/** Loads a JSON batch: an array of objects keyed by field name. */
export async function ingestJson(user: CurrentUser, ref: LoadRef, rows: unknown, bytes: number): Promise<LoadResult> {
  const target = await resolveTarget(user, ref);
  if (!Array.isArray(rows))
    throw new ValidationError("The body must be a JSON array of objects, one per row.", { body: ["Expected a JSON array."] });
  const names = target.fields.map((f) => f.name);
  const known = new Set(names);
  const feed: RowFeed = async (accept, problems) => {
    for (let i = 0; i < rows.length; i++) {
      const row: unknown = rows[i];
      if (!row || typeof row !== "object" || Array.isArray(row)) {
        problems.add(i + 1, "expected an object with one key per field");
        continue;
      }
      const unknownKeys = Object.keys(row).filter((k) => !known.has(k));
      if (unknownKeys.length > 0) {
        problems.add(i + 1, `unknown field${unknownKeys.length > 1 ? "s" : ""} ${unknownKeys.slice(0, 5).join(", ")}`);
        continue;
      }
      const values = names.map((n) => (row as Record<string, unknown>)[n]);
      const wait = accept(values, i + 1);
      if (wait) await wait;
    }
  };
  return load(user, target, "json", feed, () => bytes);
}

export type LoadSummaryDto = {
  id: string;
  environment: string;
  /** The dataset's key; null for loads recorded before loads named their dataset. */
  dataset: string | null;
  format: string;
  status: string;
  rowsTotal: number;
  rowsLoaded: number;
  bytes: number;
  errors: RowError[];
  user: string | null;
  startedAt: string;
  finishedAt: string | null;
};

export async function listLoads(productId: string, page: number, pageSize = 10): Promise<{ rows: LoadSummaryDto[]; total: number }> {
  const where = { deployment: { productId } };
  const [rows, total] = await Promise.all([
    db.ingestionLoad.findMany({
      where,
      orderBy: { startedAt: "desc" },
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: {
        id: true,
        dataset: true,
        format: true,
        status: true,
        rowsTotal: true,
        rowsLoaded: true,
        bytes: true,
        errors: true,
        userId: true,
        startedAt: true,
        finishedAt: true,
        deployment: { select: { environment: true } },
      },
    }),
    db.ingestionLoad.count({ where }),
  ]);
  const users = await db.user.findMany({
    where: { id: { in: rows.map((r) => r.userId).filter((x): x is string => !!x) } },
    select: { id: true, name: true },
  });
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id,
      environment: r.deployment.environment,
      dataset: r.dataset,
      format: r.format,
      status: r.status,
      rowsTotal: r.rowsTotal,
      rowsLoaded: r.rowsLoaded,
      bytes: Number(r.bytes),
      errors: (r.errors ?? []) as RowError[],
      user: users.find((u) => u.id === r.userId)?.name ?? null,
      startedAt: r.startedAt.toISOString(),
      finishedAt: r.finishedAt?.toISOString() ?? null,
    })),
  };
}
