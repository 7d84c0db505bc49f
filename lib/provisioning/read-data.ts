// THE read path of a product's data, used by the read API (streamed cursor pages: stream-data.ts), the product
// page's preview and any other reader: the decision, grants and masking happen here and nowhere else.
// 1. Governance decides (enforce "read"): a role that reads the level outright, or a live access grant of
//    the reader (approved, unexpired, unrevoked) that the policy still allows; domain members per policy.
// 2. The query runs as a database role, so PostgreSQL's own GRANTs apply too: domain members as the portal,
//    role readers as the product's role for their access role (or its narrowest SELECT role when it declares none
//    for theirs), grant holders as their grant's login role
//    (which may read the masked view only).
// 3. Readers the policy does not clear for PII (clearedForPii) read the masked view: PII fields masked
//    exactly as SQL logins see them (lib/provisioning/masking.ts).
import "server-only";
import pg from "pg";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { isoTimestamp } from "@/lib/sql";
import { type CurrentUser, ensure, productResource } from "@/lib/auth/server";
import { ConflictError, ForbiddenError, NotFoundError, isPrivilegeRefused } from "@/lib/errors";
import { enforce } from "@/lib/governance/server";
import { clearedForPii } from "@/lib/governance";
import { qualified, quoteIdent, type EnvironmentName } from "./naming";
import { pgPool } from "@/lib/pg";
import { primaryKeyFor, ROW_ID } from "./table-design";
import { maskedSelectList, maskedViewNameFor } from "./masking";
import { requestedDataset } from "./datasets";
import { isoTimestamptz } from "./data-query";
import type { DeploymentResources, ProvisionRequest } from "./types";
import type { ProductField } from "@/lib/products";

export const MAX_LIMIT = 1000;

export type DataPage = {
  product: string;
  environment: EnvironmentName;
  /** The dataset read (its key, datasets.ts): the first unless `dataset` named another. */
  dataset: string;
  version: string | null;
  columns: string[];
  rows: Record<string, unknown>[];
  limit: number;
  offset: number;
  total: number;
  /** Fields masked for this reader (empty when it is cleared for PII or no field is PII). */
  masked: string[];
  /** How the reader may read: as a domain member, through a role of the policy, or an access grant. */
  access: "member" | "role" | "grant";
};

const INT8 = 20;
const DATE = 1082;
const TIMESTAMPTZ = 1184;
const TIMESTAMP = 1114;
// Dates and timestamps stay ISO text (no time-zone shifts through JS Date); int8 becomes a number when exact.
export const DATA_TYPES = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === DATE || oid === TIMESTAMP) return (v: string) => v;
    if (oid === TIMESTAMPTZ) return isoTimestamptz;
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
  /** Who is reading, for the audit record: the data API (default) or the product page's preview. */
  via?: "data_api" | "preview";
  /**
   * Cursor reads only (stream-data.ts): an older major version's table (kept after a breaking change, with
   * its grants) instead of the current view; its fields are that major's latest stored version.
   */
  major?: number;
  /**
   * Which of the contract's datasets (`?dataset=`, its key or declared name, datasets.ts); absent: the first.
   * An unknown one is a ValidationError naming `dataset`.
   */
  dataset?: string | null;
};

type ReadTarget = {
  id: string;
  name: string;
  classification: string;
  domainId: string;
  domain: string;
  grantId: string | null;
  grantExpiresAt: string | null;
  grantDbRole: string | null;
  deploymentStatus: string | null;
  schemaName: string | null;
  productVersion: string | null;
  resources: unknown;
  jobSpec: unknown;
};

/**
 * What a read needs before governance decides, in one round trip: the product, the reader's live grant to it
 * (approved, not ended, not expired; the latest to expire), and the environment's deployment with the spec of its
 * last succeeded provisioning job. Nothing of it reaches the reader unless the read is allowed.
 */
async function readTarget(domain: string, name: string, userId: string, environment: EnvironmentName): Promise<ReadTarget | null> {
  const rows = await db.$queryRaw<ReadTarget[]>`
    SELECT p.id::text AS id, p.name, p.classification::text AS classification, d.id::text AS "domainId", d.slug AS domain,
           g.id::text AS "grantId", ${isoTimestamp(Prisma.sql`g.expires_at`)} AS "grantExpiresAt", g.db_role AS "grantDbRole",
           x.status::text AS "deploymentStatus", x.schema_name AS "schemaName", x.product_version AS "productVersion",
           x.resources, j.spec AS "jobSpec"
    FROM data_products p
    JOIN domains d ON d.id = p.domain_id
    LEFT JOIN LATERAL (
      SELECT id, expires_at, db_role FROM access_grants
      WHERE product_id = p.id AND user_id::text = ${userId} AND ended_at IS NULL
        AND expires_at > (now() AT TIME ZONE 'UTC')
      ORDER BY expires_at DESC LIMIT 1
    ) g ON true
    LEFT JOIN deployments x ON x.product_id = p.id AND x.environment::text = ${environment}
    LEFT JOIN LATERAL (
      SELECT spec FROM provisioning_jobs
      WHERE deployment_id = x.id AND status::text = 'succeeded' AND kind::text <> 'deprovision'
      ORDER BY finished_at DESC LIMIT 1
    ) j ON true
    WHERE d.slug = ${domain} AND p.name = ${name}
    LIMIT 1`;
  return rows[0] ?? null;
}

export type ReadResult = {
  page: DataPage;
  productId: string;
  domainId: string;
  /** `schema.view` a SQL login of an access grant reads in this deployment (the masked view). */
  sqlRelation: string | null;
  /** The keys of every dataset this deployment serves, the first first (the preview's dataset picker). */
  datasets: string[];
};

/**
 * The kept table of an older major version and its fields (from the last job that provisioned that major:
 * exactly what the table holds), or null when there is none.
 */
async function olderMajor(
  productId: string,
  environment: EnvironmentName,
  schema: string,
  resources: DeploymentResources,
  major: number,
  /** Another dataset's key (its own kept tables and fields), or null for the first. */
  dataset: string | null,
) {
  const kept = dataset === null ? resources.previousTables : resources.datasets?.[dataset]?.previousTables;
  const table = [...(kept ?? [])].reverse().find((t) => new RegExp(`_v${major}(_|$)`).test(t));
  if (!table) return null;
  const jobs = await db.provisioningJob.findMany({
    where: { deployment: { productId, environment }, status: "succeeded", kind: { not: "deprovision" } },
    orderBy: { finishedAt: "desc" },
    take: 100,
    select: { spec: true },
  });
  for (const request of jobs.map((j) => j.spec as unknown as ProvisionRequest)) {
    if (request.spec.version.split(".")[0] !== String(major)) continue;
    const fields = dataset === null ? request.spec.schema : request.datasets?.find((d) => d.key === dataset)?.fields;
    if (fields) return { source: qualified(schema, table), fields, version: request.spec.version };
  }
  return null;
}

/** Everything a read needs once governance has allowed it: who reads as which database role, from where. */
export type PreparedRead = {
  product: { id: string; domainId: string; domain: string; name: string };
  member: boolean;
  viaGrant: boolean;
  /** The database role to read as (null: the portal's own, for domain members). */
  role: string | null;
  schemaName: string;
  productVersion: string | null;
  resources: DeploymentResources;
  fields: ProductField[];
  cleared: boolean;
  masked: string[];
  /** The quoted relation (or masked subquery) the reader reads. */
  source: string;
  sqlRelation: string | null;
  access: DataPage["access"];
  /** The dataset read: its key, and whether it is the first (spec.schema, whose older majors are kept). */
  dataset: { key: string; first: boolean };
  /** The keys of every dataset the deployment serves (a view), the first first. */
  datasets: string[];
};

/** Governance's decision, the deployment, the database role and the masked source: steps 1–3 above. */
export async function prepareRead(
  user: CurrentUser,
  ref: Pick<ReadRef, "domain" | "name" | "environment" | "via" | "dataset">,
): Promise<PreparedRead> {
  const product = await readTarget(ref.domain, ref.name, user.id, ref.environment);
  if (!product) throw new NotFoundError("This data product does not exist.");
  const member = user.domains[product.domain] !== undefined;
  const grant =
    member || !product.grantId ? null : { id: product.grantId, expiresAt: new Date(product.grantExpiresAt!), dbRole: product.grantDbRole };
  const decision = await enforce(
    user,
    "read",
    {
      type: "data_product",
      id: product.name,
      domain: product.domain,
      classification: product.classification,
      grant: grant ? { id: grant.id, expiresAt: grant.expiresAt.toISOString() } : undefined,
    },
    { via: ref.via ?? "data_api", environment: ref.environment },
  );
  if (decision.decision !== "allow") {
    const hint =
      product.classification === "confidential" || product.classification === "restricted"
        ? ` Request access to ${product.domain}/${product.name} on its page.`
        : "";
    throw new ForbiddenError(`Governance policy denies reading: ${decision.reason}${hint}`);
  }
  const viaGrant = decision.rule === "grant";
  // The deployment was read with the product (readTarget); said only now, after governance allowed the read.
  const resources = (product.resources ?? {}) as DeploymentResources;
  if (product.deploymentStatus !== "active" || !product.schemaName || !resources.view || product.jobSpec === null) {
    throw new NotFoundError(`${ref.domain}/${ref.name} is not provisioned in ${ref.environment}.`);
  }
  const deployment = { schemaName: product.schemaName, productVersion: product.productVersion };
  // Readers outside the domain read as a database role: their grant's login role, or the product's role
  // for one of their roles that may SELECT.
  let role: string | null = null;
  if (viaGrant) {
    await ensure(user, () => Boolean(grant?.dbRole && resources.maskedView), {
      action: "read",
      resource: productResource(product.domain, product.name),
      reason: "The access grant has no database role on this deployment.",
      message: `Your access to ${product.domain}/${product.name} is not set up in ${ref.environment} yet; ask its owners to provision it again.`,
    });
    role = grant!.dbRole;
  } else if (!member) {
    // Their own role's database role when the product has one; else (governance allowed the read by a role the
    // product declares no database role for, e.g. a data admin) the product's narrowest role that may SELECT,
    // so PostgreSQL's grants still apply and the page's "you can read this now" holds.
    const readers = (resources.roles ?? []).filter((r) => r.privileges.includes("SELECT"));
    const match =
      readers.find((r) => (user.roles as string[]).includes(r.accessRole)) ??
      [...readers].sort((a, b) => a.privileges.length - b.privileges.length)[0];
    await ensure(user, () => match !== undefined, {
      action: "read",
      resource: productResource(product.domain, product.name),
      reason: "None of the user's roles is an access role of the product with SELECT.",
      message: `None of your roles (${user.roles.join(", ")}) is an access role of this product with read permission.`,
    });
    if (!match) throw new Error("unreachable: ensure refused");
    role = match.roleName;
  }
  const served = servedDataset(product.jobSpec as ProvisionRequest, resources, ref);
  const { fields, view, maskedView } = served;
  const policy = decision.policy; // the policy the read was allowed under (no second read of the policies)
  const cleared = !viaGrant && policy !== null && clearedForPii(policy, user.roles, member);
  const masked = cleared ? [] : fields.filter((f) => f.pii).map((f) => f.name);
  // The masked view when the deployment has one (grant roles may read nothing else); deployments made before
  // it existed get the same expressions over the serving view.
  const source =
    masked.length === 0
      ? qualified(deployment.schemaName, view)
      : maskedView
        ? qualified(deployment.schemaName, maskedView)
        : `(SELECT ${maskedSelectList(fields)} FROM ${qualified(deployment.schemaName, view)}) AS masked`;
  return {
    product: { id: product.id, domainId: product.domainId, domain: product.domain, name: product.name },
    member,
    viaGrant,
    role,
    schemaName: deployment.schemaName,
    productVersion: deployment.productVersion,
    resources,
    fields,
    cleared,
    masked,
    source,
    sqlRelation: maskedView ? `${deployment.schemaName}.${maskedView}` : null,
    access: member ? "member" : viaGrant ? "grant" : "role",
    dataset: { key: served.key, first: served.first },
    datasets: served.all,
  };
}

/**
 * The dataset `?dataset=` names in what the deployment was provisioned with: its fields and views. Unknown is a
 * 400 naming the parameter (after governance allowed the read, so the names are not told to anyone else).
 */
function servedDataset(
  request: ProvisionRequest,
  resources: DeploymentResources,
  ref: Pick<ReadRef, "domain" | "name" | "environment" | "dataset">,
) {
  const { first, others, picked } = requestedDataset(request, ref);
  const all = [first.key, ...others.filter((d) => resources.datasets?.[d.key]?.view).map((d) => d.key)];
  if (picked === null)
    return {
      key: first.key,
      first: true,
      all,
      fields: request.spec.schema,
      view: resources.view!,
      maskedView: resources.maskedView ?? null,
    };
  const r = resources.datasets?.[picked.key];
  if (!r?.view)
    throw new NotFoundError(
      `Dataset ${picked.key} of ${ref.domain}/${ref.name} is not provisioned in ${ref.environment}; provision it again.`,
    );
  return {
    key: picked.key,
    first: false,
    all,
    fields: picked.fields,
    view: r.view,
    maskedView: r.maskedView ?? maskedViewNameFor(r.view),
  };
}

/**
 * The source a cursor read reads: the current view, or an older major version's kept table (masked the same
 * way) with that major's fields — of the first dataset or of the one `dataset` named. Throws NotFoundError
 * when the major has no kept data.
 */
export async function servedSource(read: PreparedRead, ref: Pick<ReadRef, "domain" | "name" | "environment" | "major">) {
  const currentMajor = Number((read.productVersion ?? "").split(".")[0]);
  if (ref.major === undefined || ref.major === currentMajor)
    return { source: read.source, fields: read.fields, masked: read.masked, version: read.productVersion };
  const dataset = read.dataset.first ? null : read.dataset.key;
  const older = await olderMajor(read.product.id, ref.environment, read.schemaName, read.resources, ref.major, dataset);
  const what = dataset === null ? `${ref.domain}/${ref.name}` : `Dataset ${dataset} of ${ref.domain}/${ref.name}`;
  if (!older) throw new NotFoundError(`${what} has no kept data of major version ${ref.major} in ${ref.environment}.`);
  // Grant logins may read the masked view only; an older major's table is not theirs to read.
  if (read.viaGrant) throw new NotFoundError(`Older major versions of ${ref.domain}/${ref.name} are not served through an access grant.`);
  const masked = read.cleared ? [] : older.fields.filter((f) => f.pii).map((f) => f.name);
  const source = masked.length > 0 ? `(SELECT ${maskedSelectList(older.fields)} FROM ${older.source}) AS masked` : older.source;
  return { source, fields: older.fields, masked, version: older.version };
}

/** Opens the read transaction on `client`: read-only, one snapshot, time-limited, as the reader's database role. */
export async function beginRead(client: pg.PoolClient, role: string | null) {
  // One round trip. A streamed page holds its transaction while the client reads; one that stops reading
  // loses it after a minute.
  await client.query(
    "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL statement_timeout = '10s'; " +
      "SET LOCAL idle_in_transaction_session_timeout = '60s'" +
      (role ? `; SET LOCAL ROLE ${quoteIdent(role)}` : ""),
  );
}

/**
 * What a failed read says. PostgreSQL refusing the read role its privilege (SQLSTATE 42501) means the
 * product's grants drifted from its policy (the compliance monitor reports it as an access violation): the
 * reader is told so, and how it is repaired, instead of getting a 500.
 */
export function readFailure(e: unknown, product: string, environment: string): unknown {
  if (!isPrivilegeRefused(e)) return e;
  return new ConflictError(
    `The database refused to serve ${product} (${environment}): its privileges no longer match its policy. The product's owners can provision it again to repair them.`,
  );
}

/** An offset page with its row count (the product page's preview and GET /api/data/…). */
export async function readProductData(user: CurrentUser, ref: ReadRef): Promise<ReadResult> {
  const read = await prepareRead(user, ref);
  const { source, fields, masked, product } = read;
  const order = primaryKeyFor(fields).filter((k) => k !== ROW_ID);
  const client = await pgPool().connect();
  try {
    await beginRead(client, read.role);
    const total = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${source}`);
    const rows = await client.query({
      text: `SELECT * FROM ${source} ORDER BY ${order.length > 0 ? order.map(quoteIdent).join(", ") : "_loaded_at"} LIMIT $1 OFFSET $2`,
      values: [ref.limit, ref.offset],
      types: DATA_TYPES,
    });
    await client.query("COMMIT");
    const columns = rows.fields.map((f) => f.name);
    return {
      productId: product.id,
      domainId: product.domainId,
      sqlRelation: read.sqlRelation,
      datasets: read.datasets,
      page: {
        product: `${product.domain}/${product.name}`,
        environment: ref.environment,
        dataset: read.dataset.key,
        version: read.productVersion,
        columns,
        rows: rows.rows as Record<string, unknown>[],
        limit: ref.limit,
        offset: ref.offset,
        total: Number(total.rows[0].n),
        masked: masked.filter((m) => columns.includes(m)),
        access: read.access,
      },
    };
  } catch (e) {
    await client.query("ROLLBACK").catch(() => {});
    throw readFailure(e, `${product.domain}/${product.name}`, ref.environment);
  } finally {
    client.release();
  }
}

/** Environments where a product is served (active deployment with a view), production first. */
export async function servedEnvironments(productId: string): Promise<EnvironmentName[]> {
  const rows = await db.deployment.findMany({
    where: { productId, status: "active", schemaName: { not: null } },
    select: { environment: true },
  });
  const envs = rows.map((r) => r.environment as EnvironmentName);
  return (["production", "staging"] as const).filter((e) => envs.includes(e));
}
