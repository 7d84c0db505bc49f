// API tokens: create (the secret is returned once, only its SHA-256 is stored), list, revoke, and
// authenticate a bearer secret. Authentication reads the token and the user's roles in one statement per
// request, like a session costs one; the last-used time and the per-token rate limit (one-minute fixed
// window, counted in PostgreSQL so every portal process shares it) are written by the same statement once
// per lease of requests (authenticateApiToken).
import "server-only";
import { db, RELAXED_COMMIT } from "@/lib/db";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { audit, auditBatched } from "@/lib/audit/writer";
import { pgAuthPool } from "@/lib/pg";
import { assertCan, recordDenial } from "./assert-can";
import type { CurrentUser } from "./current-user";
import { domainRolesOf } from "./principal-sql";
import type { DomainRoleName, RoleName } from "./permissions";
import {
  createTokenSchema,
  displayPrefix,
  generateTokenSecret,
  hashTokenSecret,
  retryAfterSeconds,
  type TokenScope,
} from "./api-token-secret";

const DAY = 86_400_000;

export type ApiTokenDto = {
  id: string;
  name: string;
  prefix: string;
  kind: "personal" | "service";
  /** The service account's domain. */
  domain: string | null;
  /** Who the token acts as (the user, or the service account's identity). */
  actsAs: string;
  scopes: TokenScope[];
  domains: string[];
  rateLimit: number;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  state: "active" | "expired" | "revoked";
};

export type CreatedToken = { token: ApiTokenDto; secret: string };

const serviceEmail = (name: string, domain: string) =>
  `${
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "service"
  }.${domain}.${Date.now().toString(36)}@service-accounts.invalid`;

/**
 * A personal token acts as `user`; a service account's token acts as a new machine identity owned by the
 * domain (a user row without password, member of the domain: producer with the write scope, else viewer).
 */
export async function createApiToken(user: CurrentUser, input: unknown, now: Date = new Date()): Promise<CreatedToken> {
  const data = parseInput(createTokenSchema, input);
  const resource = data.kind === "service" ? `domain:${data.serviceDomain}` : `user:${user.email}`;
  if (data.kind === "service") {
    await assertCan(user, "manageServiceAccounts", [data.serviceDomain!], {
      action: "api_token:create",
      resource,
      message: "Only the domain's owners and data admins can create its service accounts.",
    });
  } else {
    await assertCan(user, "managePersonalTokens", [], { action: "api_token:create", resource });
  }
  const secret = generateTokenSecret();
  const created = await db.$transaction(async (tx) => {
    let actsAs = user.id;
    let domainId: string | null = null;
    if (data.kind === "service") {
      const domain = await tx.domain.findUnique({ where: { slug: data.serviceDomain! }, select: { id: true } });
      if (!domain) throw new NotFoundError("This domain does not exist.", { serviceDomain: ["No such domain."] });
      domainId = domain.id;
      const write = data.scopes.includes("write");
      const account = await tx.user.create({
        data: {
          email: serviceEmail(data.name, data.serviceDomain!),
          name: `${data.name} (service account of ${data.serviceDomain})`,
          roles: [write ? "data_producer" : "data_consumer"],
          serviceAccountDomainId: domain.id,
          memberships: { create: { domainId: domain.id, role: write ? "producer" : "viewer" } },
        },
        select: { id: true },
      });
      actsAs = account.id;
    }
    const row = await tx.apiToken.create({
      data: {
        name: data.name,
        hash: hashTokenSecret(secret),
        prefix: displayPrefix(secret),
        userId: actsAs,
        domainId,
        scopes: data.scopes,
        domains: data.kind === "service" && data.domains.length === 0 ? [data.serviceDomain!] : data.domains,
        createdById: user.id,
        createdAt: now,
        expiresAt: new Date(now.getTime() + data.expiresInDays * DAY),
        rateLimit: data.rateLimit,
      },
      select: tokenSelect,
    });
    await audit(
      {
        subject: user.email,
        action: "api_token:create",
        resource,
        decision: "allow",
        reason: `${data.kind === "service" ? "Service account" : "Personal"} token "${data.name}" (${row.prefix}…), scopes ${data.scopes.join(", ")}, ${data.expiresInDays} days.`,
        policyId: "portal-permissions",
        context: { tokenId: row.id, prefix: row.prefix, scopes: data.scopes, domains: row.domains },
      },
      tx,
    );
    return row;
  });
  return { token: toDto(created), secret };
}

const tokenSelect = {
  id: true,
  name: true,
  prefix: true,
  scopes: true,
  domains: true,
  rateLimit: true,
  createdAt: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
  domain: { select: { slug: true } },
  user: { select: { email: true } },
} as const;

type TokenRow = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  domains: string[];
  rateLimit: number;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  domain: { slug: string } | null;
  user: { email: string };
};

function toDto(r: TokenRow): ApiTokenDto {
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    kind: r.domain ? "service" : "personal",
    domain: r.domain?.slug ?? null,
    actsAs: r.user.email,
    scopes: r.scopes as TokenScope[],
    domains: r.domains,
    rateLimit: r.rateLimit,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    revokedAt: r.revokedAt?.toISOString() ?? null,
    state: r.revokedAt ? "revoked" : r.expiresAt.getTime() <= Date.now() ? "expired" : "active",
  };
}

/** Domains whose service accounts the user manages: "all" for admins. */
function managedDomains(user: CurrentUser): string[] | "all" {
  if (user.roles.includes("data_admin")) return "all";
  if (!user.roles.includes("data_producer")) return [];
  return Object.entries(user.domains)
    .filter(([, role]) => role === "owner")
    .map(([slug]) => slug);
}

/** The user's own personal tokens and the service accounts of the domains they own, newest first. */
export async function listApiTokens(user: CurrentUser): Promise<ApiTokenDto[]> {
  const domains = managedDomains(user);
  const rows = await db.apiToken.findMany({
    where: {
      OR: [
        { userId: user.id, domainId: null },
        ...(domains === "all" ? [{ domainId: { not: null } }] : domains.length > 0 ? [{ domain: { slug: { in: domains } } }] : []),
      ],
    },
    orderBy: { createdAt: "desc" },
    take: 500,
    select: tokenSelect,
  });
  return rows.map(toDto);
}

/** Revokes at once (the next request with it gets 401). A service account's identity is disabled with it. */
export async function revokeApiToken(user: CurrentUser, idInput: unknown, now: Date = new Date()): Promise<void> {
  const id = typeof idInput === "string" && /^[0-9a-f-]{36}$/i.test(idInput) ? idInput : null;
  const row = id ? await db.apiToken.findUnique({ where: { id }, select: { ...tokenSelect, userId: true, domainId: true } }) : null;
  // Someone else's personal token is "not found", so ids of other users' tokens reveal nothing.
  if (!row || (!row.domain && row.userId !== user.id)) throw new NotFoundError("This token does not exist.");
  const resource = row.domain ? `domain:${row.domain.slug}` : `user:${user.email}`;
  if (row.domain) {
    await assertCan(user, "manageServiceAccounts", [row.domain.slug], {
      action: "api_token:revoke",
      resource,
      message: "Only the domain's owners and data admins can revoke its service accounts.",
    });
  }
  if (row.revokedAt) throw new ConflictError("This token is already revoked.");
  await db.$transaction(async (tx) => {
    await tx.apiToken.update({ where: { id: row.id }, data: { revokedAt: now } });
    if (row.domainId) await tx.user.update({ where: { id: row.userId }, data: { disabled: true } });
    await audit(
      {
        subject: user.email,
        action: "api_token:revoke",
        resource,
        decision: "allow",
        reason: `Token "${row.name}" (${row.prefix}…) revoked.`,
        policyId: "portal-permissions",
        context: { tokenId: row.id, prefix: row.prefix },
      },
      tx,
    );
  });
}

export type TokenPrincipal = CurrentUser & { serviceAccount: boolean };
export type TokenAuth =
  | { ok: true; user: TokenPrincipal; token: { id: string; prefix: string; scopes: TokenScope[]; domains: string[] } }
  | { ok: false; status: 401; reason: string }
  | { ok: false; status: 429; retryAfter: number; limit: number; user: TokenPrincipal; token: { id: string; prefix: string } };

type AuthRow = {
  id: string;
  prefix: string;
  scopes: string[];
  domains: string[];
  rate_limit: number;
  /** The lease this statement took (rate_count and rate_window are null when it took none). */
  lease: number;
  rate_count: number | null;
  rate_window: Date | null;
  user_id: string;
  email: string;
  name: string;
  roles: string[];
  service: boolean;
  member_of: Record<string, string> | null;
};

/**
 * Token authentication in one statement: the live token of an enabled user and the user's roles and domain
 * roles, read on every request, so a revocation, an expiry or a disabled user ends access at once. Only when
 * `$2` is true (the process holds no lease of rate count for this token in this minute) does it also write:
 * it stamps the last use and counts a lease of requests at once (1 % of the limit, 1–50), which this process
 * then spends without writing. Every instance's leases add up in the same counter, so the limit stays shared;
 * at most one unspent lease per instance and minute is counted without being used. node-postgres types:
 * `rate_window` (timestamptz) is a Date, the arrays are arrays, `member_of` is parsed JSON.
 */
const AUTHENTICATE = `
    WITH relaxed AS (${RELAXED_COMMIT.text}),
    tok AS (
      SELECT t.id, t.prefix, t.scopes, t.domains, t.rate_limit, t.user_id, GREATEST(1, LEAST(50, t.rate_limit / 100)) AS lease,
             u.email, u.name, u.roles, u.service_account_domain_id IS NOT NULL AS service
      FROM api_tokens t JOIN users u ON u.id = t.user_id AND NOT u.disabled
      WHERE t.hash = $1 AND t.revoked_at IS NULL AND t.expires_at > (now() AT TIME ZONE 'UTC')
    ),
    used AS (
      UPDATE api_tokens a SET
        last_used_at = now() AT TIME ZONE 'UTC',
        rate_count = CASE WHEN a.rate_window = date_trunc('minute', now()) THEN a.rate_count ELSE 0 END + tok.lease,
        rate_window = date_trunc('minute', now())
      FROM tok
      WHERE $2::boolean AND a.id = tok.id AND EXISTS (SELECT 1 FROM relaxed)
      RETURNING a.rate_count, a.rate_window
    )
    SELECT tok.id::text AS id, tok.prefix, tok.scopes::text[] AS scopes, tok.domains::text[] AS domains, tok.rate_limit, tok.lease,
           used.rate_count, used.rate_window, tok.user_id::text AS user_id, tok.email, tok.name, tok.roles::text[] AS roles, tok.service,
           ${domainRolesOf("tok.user_id")} AS member_of
    FROM tok LEFT JOIN used ON true`;

/** Requests this process may still make per token hash without counting them in PostgreSQL, and for which minute. */
const leases = ((globalThis as unknown as { meshportTokenLeases?: Map<string, { minute: number; left: number }> }).meshportTokenLeases ??=
  new Map());

/** Takes one request from this process's lease for the token, if it holds one for the current minute. */
function spendLease(hash: string): boolean {
  const lease = leases.get(hash);
  if (!lease || lease.left <= 0 || lease.minute !== Math.floor(Date.now() / 60_000)) return false;
  lease.left--;
  return true;
}

function keepLease(hash: string, window: Date, granted: number): void {
  if (leases.size >= 10_000) leases.clear();
  const minute = Math.floor(window.getTime() / 60_000);
  const lease = leases.get(hash);
  if (lease && lease.minute === minute) lease.left += granted;
  else leases.set(hash, { minute, left: granted });
}

/**
 * Authenticates a bearer secret (already checked against TOKEN_PATTERN): one statement finds the live
 * token of an enabled user, returns the user's roles and memberships and, once per lease, stamps the last
 * use and counts the requests. A token limited to some domains carries only those memberships.
 */
export async function authenticateApiToken(secret: string, via: string): Promise<TokenAuth> {
  const hash = hashTokenSecret(secret);
  const leased = spendLease(hash);
  // The last-use time and the rate counter are bookkeeping, not records: the commit does not wait for its WAL
  // flush (RELAXED_COMMIT). The audit row of the use is written durably, batched with others. A named
  // statement: each pooled connection parses and plans it once.
  const { rows } = await pgAuthPool().query<AuthRow>({ name: "meshport-authenticate", text: AUTHENTICATE, values: [hash, !leased] });
  const row = rows[0];
  if (!row) {
    leases.delete(hash);
    return refuse(hash, via);
  }
  const allDomains = (row.member_of ?? {}) as Record<string, DomainRoleName>;
  const domains =
    row.domains.length === 0 ? allDomains : Object.fromEntries(Object.entries(allDomains).filter(([slug]) => row.domains.includes(slug)));
  const user: TokenPrincipal = {
    id: row.user_id,
    email: row.email,
    name: row.name,
    roles: row.roles as RoleName[],
    domains,
    serviceAccount: row.service,
  };
  const token = { id: row.id, prefix: row.prefix, scopes: row.scopes as TokenScope[], domains: row.domains };
  if (row.rate_count !== null && row.rate_window !== null) {
    // This request took a lease of `row.lease` requests; the part of it still under the limit is usable.
    const granted = Math.min(row.lease, row.rate_limit - (row.rate_count - row.lease));
    if (granted <= 0) {
      return { ok: false, status: 429, retryAfter: retryAfterSeconds(new Date(row.rate_window)), limit: row.rate_limit, user, token };
    }
    if (granted > 1) keepLease(hash, new Date(row.rate_window), granted - 1);
  }
  // Every use is on record, like a session's sign-in; written after the answer in a batch (auditBatched), never
  // delaying it and costing one commit per batch rather than per request.
  void auditBatched({
    subject: user.email,
    action: "api_token:use",
    resource: `api_token:${token.prefix}`,
    decision: "allow",
    reason: `API request ${via} with token ${token.prefix}….`,
    policyId: "portal-permissions",
    context: { tokenId: token.id, via },
  });
  return { ok: true, user, token };
}

/** Why a secret failed (for the audit log); the caller learns only "invalid, expired or revoked". */
async function refuse(hash: string, via: string): Promise<TokenAuth> {
  const known = await db.apiToken.findUnique({
    where: { hash },
    select: { id: true, prefix: true, revokedAt: true, expiresAt: true, user: { select: { email: true, disabled: true, roles: true } } },
  });
  const reason = !known
    ? "Unknown API token."
    : known.revokedAt
      ? "The API token was revoked."
      : known.expiresAt <= new Date()
        ? "The API token expired."
        : "The token's user is disabled.";
  await recordDenial(known ? { id: "", email: known.user.email, roles: known.user.roles as RoleName[], domains: {} } : null, {
    action: "api_token:use",
    resource: known ? `api_token:${known.prefix}` : "api_token:unknown",
    reason,
    context: { via, ...(known ? { tokenId: known.id } : {}) },
  });
  return { ok: false, status: 401, reason };
}
