// How provisioned PostgreSQL objects are named. Names are derived, never typed by users, and always
// quoted when used in SQL; products and domains are DNS labels, so dashes become underscores.
//
//   schema   dp_<domain>_<product>_<hash>            production
//            dp_<domain>_<product>__staging_<hash>   staging
//            <hash>: 12 hex of sha256 over the exact (domain, product, environment). The readable part
//            alone is ambiguous (marketing/sp-orders and marketing-sp/orders both read
//            dp_marketing_sp_orders), the hash is not; a long readable part is cut, never the hash.
//   table    <product>_v<major>               e.g. orders_v1 (a breaking change inside one major adds _<minor>)
//   view     <product>                        the serving view over the current table
//   dataset  <product>__<dataset>_v<major>, view <product>__<dataset>: the contract's other datasets (datasets.ts)
//   role     <schema without its hash>_<access role>_<hash>   e.g. dp_sales_orders_data_consumer_9f8e7d6c5b4a (NOLOGIN)
//            <hash>: 12 hex of sha256 over (database, schema, access role). Roles belong to the whole PostgreSQL
//            cluster while schemas belong to one database, so two portals (or two test databases) on one cluster
//            provisioning the same product must not reach for the same role: the database is part of the identity.
//            Too long: the schema's start is cut, the access role (≤ 24) and the hash stay.
// Other names longer than PostgreSQL's 63-byte limit keep their first 54 characters plus "_" and an
// 8-hex hash of the full name, so two long names never collide by truncation.
//
// A deployment keeps the schema and role names it was first provisioned with (Deployment.schemaName and
// resources.roles, reused by build-request.ts), so changing these rules never orphans what exists; and every schema and role
// carries its deployment's tag (a COMMENT), which the steps check before adopting or dropping anything.
import { createHash } from "node:crypto";
import { identifierPart } from "@/lib/products";

export { identifierPart };

export const PG_IDENTIFIER_MAX = 63;
export const ENVIRONMENTS = ["staging", "production"] as const;
export type EnvironmentName = (typeof ENVIRONMENTS)[number];

/** Shortens a name to PostgreSQL's limit with a hash suffix (only when it is too long). */
export function fitIdentifier(name: string): string {
  if (Buffer.byteLength(name) <= PG_IDENTIFIER_MAX) return name;
  const hash = createHash("sha256").update(name).digest("hex").slice(0, 8);
  return `${name.slice(0, PG_IDENTIFIER_MAX - 9)}_${hash}`;
}

/** Double-quotes an identifier for SQL (doubling embedded quotes), whatever it contains. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A single-quoted SQL string literal (doubling quotes) for DDL that cannot take bind parameters. */
export function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

export function qualified(schema: string, object: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(object)}`;
}

const IDENTITY_HASH_HEX = 12;

/** `<readable><suffix>_<hash of identity>` within 63 bytes: only the readable part is ever shortened. */
function hashedIdentifier(readable: string, suffix: string, identity: string): string {
  const hash = createHash("sha256").update(identity).digest("hex").slice(0, IDENTITY_HASH_HEX);
  const room = PG_IDENTIFIER_MAX - suffix.length - 1 - IDENTITY_HASH_HEX;
  return `${readable.slice(0, room).replace(/_+$/, "")}${suffix}_${hash}`;
}

export function schemaNameFor(domain: string, product: string, environment: EnvironmentName): string {
  // JSON keeps the identity unambiguous whatever the parts contain.
  const identity = JSON.stringify(["schema", domain, product, environment]);
  return hashedIdentifier(
    `dp_${identifierPart(domain)}_${identifierPart(product)}`,
    environment === "staging" ? "__staging" : "",
    identity,
  );
}

export function roleNameFor(schema: string, accessRole: string, database: string): string {
  const part = identifierPart(accessRole);
  const role = part.slice(0, 24).replace(/_+$/, "");
  // The schema's own hash is dropped from the readable part: this role's hash covers the schema in full.
  const stem = schema.replace(/_[0-9a-f]{12}$/, "");
  const room = PG_IDENTIFIER_MAX - 1 - IDENTITY_HASH_HEX - role.length - 1;
  return hashedIdentifier(`${stem.slice(0, room).replace(/_+$/, "")}_${role}`, "", JSON.stringify(["role", database, schema, part]));
}

export function viewNameFor(product: string): string {
  return fitIdentifier(identifierPart(product));
}

/**
 * The table for a spec version: `<product>_v<major>`. When that name is taken by an incompatible
 * table of the same major (0.x breaking changes bump the minor), `_<minor>` and then `_<minor>_<patch>`
 * are appended.
 */
export function tableNameFor(product: string, version: string, taken: readonly string[] = []): string {
  return versionedTableName(identifierPart(product), version, taken);
}

/** tableNameFor over an identifier already built (another dataset's `<product>__<dataset>`). */
export function versionedTableName(stem: string, version: string, taken: readonly string[] = []): string {
  const [major = "0", minor = "0", patch = "0"] = version.split(/[.+-]/);
  const base = `${stem}_v${major}`;
  for (const candidate of [base, `${base}_${minor}`, `${base}_${minor}_${patch}`]) {
    const name = fitIdentifier(candidate);
    if (!taken.includes(name)) return name;
  }
  let n = 2;
  while (taken.includes(fitIdentifier(`${base}_${minor}_${patch}_${n}`))) n++;
  return fitIdentifier(`${base}_${minor}_${patch}_${n}`);
}

/** The text stored as COMMENT ON ROLE: proves a role was created for this deployment and no other. */
export function roleOwnerTag(deploymentId: string): string {
  return `meshport deployment ${deploymentId}`;
}

/** COMMENT ON SCHEMA: the deployment's tag, then what it holds for whoever reads the catalog. */
export function schemaOwnerComment(deploymentId: string, label: string): string {
  return `${roleOwnerTag(deploymentId)}: ${label}`;
}

/** Whether a schema's comment says it was created for this deployment (null: untagged, nobody's). */
export function schemaOwnedBy(comment: string | null, deploymentId: string): boolean {
  const tag = roleOwnerTag(deploymentId);
  return comment === tag || (comment?.startsWith(`${tag}:`) ?? false);
}

/** Session-level advisory lock key for one deployment: two workers never run its jobs at once. */
export function deploymentLockKey(deploymentId: string): bigint {
  const digest = createHash("sha256").update(`meshport:deployment:${deploymentId}`).digest();
  return digest.readBigInt64BE(0);
}
