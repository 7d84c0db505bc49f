// Serving on this installation: rows of a provisioned product for the read endpoint. Governance decides
// first (enforce "read" on the classification, plus membership or an approved access request for
// confidential and restricted data); then, unless the reader belongs to the product's domain, the query
// runs as the product's database role for the reader's access role, so PostgreSQL's own GRANTs apply too.
import "server-only";
import pg from "pg";
import { db } from "@/lib/db";
import { type CurrentUser, ensure, productResource } from "@/lib/auth/server";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { enforce } from "@/lib/governance/server";
import { qualified, quoteIdent, type EnvironmentName } from "./naming";
import { findProduct } from "./owned-product";
import { pgPool } from "@/lib/pg";
import { primaryKeyFor, ROW_ID } from "./table-design";
import type { DeploymentResources, ProvisionRequest } from "./types";
import type { ProductField } from "@/lib/products";
import { buildSelect, cursorAfter, withoutKeys, type DataQuery } from "./data-query";

export const MAX_LIMIT = 1000;

export type DataPage = {
  product: string;
  environment: EnvironmentName;
  version: string | null;
  columns: string[];
  rows: Record<string, unknown>[];
  limit: number;
  offset: number;
  /** -1 for a cursor read (`select`), which never counts the rows. */
  total: number;
  /** Cursor reads: the cursor of the next page, null on the last one. */
  nextCursor?: string | null;
};

const INT8 = 20;
const DATE = 1082;
const TIMESTAMPTZ = 1184;
const TIMESTAMP = 1114;
// Dates and timestamps stay ISO text (no time-zone shifts through JS Date); int8 becomes a number when exact.
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === DATE || oid === TIMESTAMP) return (v: string) => v;
    if (oid === TIMESTAMPTZ) return (v: string) => new Date(v).toISOString();
    if (oid === INT8) return (v: string) => (Number.isSafeInteger(Number(v)) ? Number(v) : v);
    return pg.types.getTypeParser(oid, format ?? "text");
  },
} as unknown as pg.CustomTypesConfig;

export type ReadRef = {
  domain: string;
  name: string;
  environment: EnvironmentName;
  limit: number;
  offset: number;
  /**
   * The data API's cursor read (lib/provisioning/data-query.ts): parses the caller's field selection,
   * filters, sort and cursor against the served fields, once the read is allowed (so a refused caller
   * learns no field names); `limit`/`offset` are then ignored.
   */
  select?: (fields: readonly ProductField[]) => DataQuery;
  /**
   * Cursor reads only: an older major version's table (kept after a breaking change, with its grants) instead
   * of the current view; its fields are that major's latest stored version.
   */
  major?: number;
};

/**
 * The kept table of an older major version and its fields (from the last job that provisioned that major:
 * exactly what the table holds), or null when there is none.
 */
async function olderMajor(productId: string, environment: EnvironmentName, schema: string, resources: DeploymentResources, major: number) {
  const table = [...(resources.previousTables ?? [])].reverse().find((t) => new RegExp(`_v${major}(_|$)`).test(t));
  if (!table) return null;
  const jobs = await db.provisioningJob.findMany({
    where: { deployment: { productId, environment }, status: "succeeded", kind: { not: "deprovision" } },
    orderBy: { finishedAt: "desc" },
    take: 100,
    select: { spec: true },
  });
  const job = jobs.map((j) => (j.spec as unknown as ProvisionRequest).spec).find((spec) => spec.version.split(".")[0] === String(major));
  if (!job) return null;
  return { source: qualified(schema, table), fields: job.schema, version: job.version };
}

export async function readProductData(user: CurrentUser, ref: ReadRef): Promise<{ page: DataPage; productId: string; domainId: string }> {
  const product = await findProduct(ref.domain, ref.name);
  if (!product) throw new NotFoundError("This data product does not exist.");
  const decision = await enforce(
    user,
    "read",
    { type: "data_product", id: product.name, domain: product.domain, classification: product.classification },
    { via: "data_api", environment: ref.environment },
  );
  if (decision.decision !== "allow") throw new ForbiddenError(`Governance policy denies reading: ${decision.reason}`);
  const member = user.domains[product.domain] !== undefined;
  if ((product.classification === "confidential" || product.classification === "restricted") && !member) {
    const approved = await db.accessRequest.count({ where: { productId: product.id, requesterId: user.id, status: "approved" } });
    await ensure(user, () => approved > 0, {
      action: "read",
      resource: productResource(product.domain, product.name),
      reason: `${product.classification} data and no approved access request.`,
      message: `${product.classification} data: request access to ${product.domain}/${product.name} first.`,
    });
  }
  const deployment = await db.deployment.findUnique({
    where: { productId_environment: { productId: product.id, environment: ref.environment } },
    select: {
      status: true,
      schemaName: true,
      productVersion: true,
      resources: true,
      jobs: {
        where: { status: "succeeded", kind: { not: "deprovision" } },
        orderBy: { finishedAt: "desc" },
        take: 1,
        select: { spec: true },
      },
    },
  });
  const resources = (deployment?.resources ?? {}) as DeploymentResources;
  if (!deployment || deployment.status !== "active" || !deployment.schemaName || !resources.view || deployment.jobs.length === 0) {
    throw new NotFoundError(`${ref.domain}/${ref.name} is not provisioned in ${ref.environment}.`);
  }
  // Readers outside the domain read as the product's role for one of their roles that may SELECT.
  let role: string | null = null;
  if (!member) {
    const match = (resources.roles ?? []).find((r) => r.privileges.includes("SELECT") && (user.roles as string[]).includes(r.accessRole));
    await ensure(user, () => match !== undefined, {
      action: "read",
      resource: productResource(product.domain, product.name),
      reason: "None of the user's roles is an access role of the product with SELECT.",
      message: `None of your roles (${user.roles.join(", ")}) is an access role of this product with read permission.`,
    });
    if (!match) throw new Error("unreachable: ensure refused");
    role = match.roleName;
  }
  const fields = (deployment.jobs[0].spec as unknown as ProvisionRequest).spec.schema;
  const order = primaryKeyFor(fields).filter((k) => k !== ROW_ID);
  const view = qualified(deployment.schemaName, resources.view);
  const client = await pgPool().connect();
  try {
    await client.query("BEGIN READ ONLY");
    await client.query("SET LOCAL statement_timeout = '10s'");
    if (role) await client.query(`SET LOCAL ROLE ${quoteIdent(role)}`);
    if (ref.select) {
      const currentMajor = Number((deployment.productVersion ?? "").split(".")[0]);
      const older =
        ref.major !== undefined && ref.major !== currentMajor
          ? await olderMajor(product.id, ref.environment, deployment.schemaName, resources, ref.major)
          : null;
      if (ref.major !== undefined && ref.major !== currentMajor && !older)
        throw new NotFoundError(`${ref.domain}/${ref.name} has no kept data of major version ${ref.major} in ${ref.environment}.`);
      const served = older?.fields ?? fields;
      const query = ref.select(served);
      const built = buildSelect(
        older?.source ?? view,
        query,
        served,
        primaryKeyFor(served).filter((k) => k !== ROW_ID),
      );
      const result = await client.query({ text: built.text, values: built.values, types });
      await client.query("COMMIT");
      const more = result.rows.length > query.limit;
      const rows = (result.rows as Record<string, unknown>[]).slice(0, query.limit);
      const nextCursor = more ? cursorAfter(rows[rows.length - 1], built.keys) : null;
      return {
        productId: product.id,
        domainId: product.domainId,
        page: {
          product: `${product.domain}/${product.name}`,
          environment: ref.environment,
          version: older?.version ?? deployment.productVersion,
          columns: built.columns,
          rows: rows.map((r) => withoutKeys(r, built.keys.length)),
          limit: query.limit,
          offset: 0,
          total: -1,
          nextCursor,
        },
      };
    }
    const total = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${view}`);
    const rows = await client.query({
      text: `SELECT * FROM ${view} ORDER BY ${order.length > 0 ? order.map(quoteIdent).join(", ") : "_loaded_at"} LIMIT $1 OFFSET $2`,
      values: [ref.limit, ref.offset],
      types,
    });
    await client.query("COMMIT");
    return {
      productId: product.id,
      domainId: product.domainId,
      page: {
        product: `${product.domain}/${product.name}`,
        environment: ref.environment,
        version: deployment.productVersion,
        columns: rows.fields.map((f) => f.name),
        rows: rows.rows as Record<string, unknown>[],
        limit: ref.limit,
        offset: ref.offset,
        total: Number(total.rows[0].n),
      },
    };
  } catch (e) {
    await client.query("ROLLBACK").catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}
