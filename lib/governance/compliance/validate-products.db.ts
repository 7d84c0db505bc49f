// Validates stored data products against their domain's effective policy (the seed's
// validate_data_product) and records the outcome: one product_validations row per run plus the
// product's compliance columns, written together so the catalog and the history never disagree.
import "server-only";
import { randomUUID } from "node:crypto";
import { Prisma } from "@/lib/generated/prisma/client";
import { db, type Tx } from "@/lib/db";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { effectivePolicy } from "@/lib/governance/policies/merge";
import { validateProduct, type Finding } from "@/lib/governance/compliance/rules";
import { findingsFromJson, isCurrent, sameOutcome, summarize, type ComplianceStatus } from "@/lib/governance/compliance/status";
import type { DomainPolicy, EffectivePolicy, GlobalPolicy } from "@/lib/governance/policies/types";
import type { DataProductSpec } from "@/lib/products";

export type ValidationTrigger = "manual" | "publish" | "policy-change" | "product-change" | "seed";

export type PolicyContext = { policy: EffectivePolicy; globalVersion: number; domainVersion: number | null };

export type ValidationDto = {
  id: string;
  productId: string;
  productVersion: string;
  status: ComplianceStatus;
  errors: number;
  warnings: number;
  infos: number;
  findings: Finding[];
  globalPolicyVersion: number | null;
  domainPolicyVersion: number | null;
  trigger: string;
  createdAt: string;
  createdBy: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  /** Identical later validations folded into this one, and when the last of them ran. */
  repeats: number;
  lastConfirmedAt: string | null;
};

/** A finished validation, before it is stored. */
export type ValidationResult = {
  id: string;
  productId: string;
  productVersion: string;
  findings: Finding[];
  globalPolicyVersion: number;
  domainPolicyVersion: number | null;
};

const NO_GLOBAL_POLICY = "No global governance policy is defined, so products cannot be validated.";

/**
 * Effective policies of the given domains (or all domains with a policy), reading the policy table
 * once. A domain without its own policy gets the global policy alone.
 */
export async function loadPolicyContexts(client: Tx | typeof db = db): Promise<(slug: string) => PolicyContext> {
  const rows = await client.policy.findMany({ select: { scope: true, version: true, spec: true, domain: { select: { slug: true } } } });
  const global = rows.find((r) => r.scope === "global");
  if (!global) throw new ConflictError(NO_GLOBAL_POLICY);
  const globalSpec = global.spec as unknown as GlobalPolicy;
  const bySlug = new Map<string, PolicyContext>();
  for (const r of rows) {
    if (r.scope !== "domain" || !r.domain) continue;
    const spec = { ...(r.spec as unknown as DomainPolicy), domain: r.domain.slug };
    bySlug.set(r.domain.slug, {
      policy: effectivePolicy(globalSpec, spec).policy,
      globalVersion: global.version,
      domainVersion: r.version,
    });
  }
  let globalOnly: PolicyContext | undefined;
  return (slug) => {
    const found = bySlug.get(slug);
    if (found) return found;
    globalOnly ??= { policy: effectivePolicy(globalSpec, null).policy, globalVersion: global.version, domainVersion: null };
    return globalOnly;
  };
}

/** Latest measured quality metrics per product (percent), from quality_runs. */
export async function latestQualityScores(productIds: string[], client: Tx | typeof db = db): Promise<Map<string, Record<string, number>>> {
  const out = new Map<string, Record<string, number>>();
  if (productIds.length === 0) return out;
  const rows = await client.$queryRaw<{ product_id: string; metrics: unknown }[]>(Prisma.sql`
    SELECT DISTINCT ON (product_id) product_id::text AS product_id, metrics
    FROM quality_runs WHERE product_id = ANY(${productIds}::uuid[])
    ORDER BY product_id, at DESC`);
  for (const r of rows) {
    const scores = qualityScoresOf(r.metrics);
    if (scores) out.set(r.product_id, scores);
  }
  return out;
}

/** The numeric metrics of a quality run (percent); undefined when the stored value is not an object. */
export function qualityScoresOf(metrics: unknown): Record<string, number> | undefined {
  if (metrics === null || typeof metrics !== "object") return undefined;
  const scores: Record<string, number> = {};
  for (const [k, v] of Object.entries(metrics as Record<string, unknown>)) if (typeof v === "number" && Number.isFinite(v)) scores[k] = v;
  return scores;
}

type ProductRow = { id: string; spec: unknown; currentVersion: string; domain: { slug: string } };

export function evaluate(product: ProductRow, context: PolicyContext, qualityScores?: Record<string, number>): ValidationResult {
  return {
    id: randomUUID(),
    productId: product.id,
    productVersion: product.currentVersion,
    findings: validateProduct(product.spec as DataProductSpec, context.policy, qualityScores ? { qualityScores } : {}),
    globalPolicyVersion: context.globalVersion,
    domainPolicyVersion: context.domainVersion,
  };
}

/**
 * Stores results: the validation rows and every product's compliance columns, in ONE statement (so
 * atomically, and in one round trip however many products). The rows travel as a single JSON parameter:
 * building hundreds of nested arguments for the ORM cost more than validating the products.
 * updated_at is left alone on purpose: a validation is not a change to the product.
 *
 * A result with the same product version and the same findings as the product's latest validation is
 * folded into that row (repeats + 1, last_confirmed_at, the policy versions it was checked against)
 * instead of adding an identical row: the history stays readable and an acknowledgement of those
 * warnings stays valid, whatever policy save triggered the run. Not for a product change: a changed
 * product is a new thing to review, so it always gets a row of its own (and needs a new acknowledgement).
 */
function validationRows(results: ValidationResult[]) {
  return results.map((r) => {
    const s = summarize(r.findings);
    return {
      id: r.id,
      product_id: r.productId,
      product_version: r.productVersion,
      status: s.status,
      errors: s.errors,
      warnings: s.warnings,
      findings: r.findings,
      global_version: r.globalPolicyVersion,
      domain_version: r.domainPolicyVersion,
      ack_by: null,
      ack_at: null,
    };
  });
}

export async function storeValidations(
  client: Tx | typeof db,
  results: ValidationResult[],
  opts: { trigger: ValidationTrigger; userId?: string | null },
): Promise<void> {
  if (results.length === 0) return;
  const now = new Date();
  const rows = validationRows(results);
  await client.$executeRaw(Prisma.sql`
    WITH r AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(
        id uuid, product_id uuid, product_version text, status text, errors int, warnings int, findings jsonb,
        global_version int, domain_version int, ack_by uuid, ack_at timestamptz)
    ), latest AS (
      SELECT DISTINCT ON (v.product_id) v.id, v.product_id, v.product_version, v.findings
      FROM product_validations v WHERE v.product_id IN (SELECT product_id FROM r)
      ORDER BY v.product_id, v.created_at DESC, v.id DESC
    ), m AS (
      SELECT r.*, CASE WHEN ${opts.trigger === "product-change"}::boolean THEN NULL ELSE l.id END AS same_as
      FROM r LEFT JOIN latest l ON l.product_id = r.product_id AND l.product_version = r.product_version AND l.findings = r.findings
    ), inserted AS (
      INSERT INTO product_validations (id, product_id, product_version, status, errors, warnings, findings, global_policy_version,
                                       domain_policy_version, trigger, created_by_id, created_at, acknowledged_by_id, acknowledged_at)
      SELECT id, product_id, product_version, status::"ComplianceStatus", errors, warnings, findings, global_version, domain_version,
             ${opts.trigger}::text, ${opts.userId ?? null}::uuid, ${now.toISOString()}::timestamptz AT TIME ZONE 'UTC', ack_by, ack_at AT TIME ZONE 'UTC'
      FROM m WHERE same_as IS NULL
    ), confirmed AS (
      UPDATE product_validations AS v
      SET repeats = v.repeats + 1, last_confirmed_at = ${now.toISOString()}::timestamptz AT TIME ZONE 'UTC',
          global_policy_version = m.global_version, domain_policy_version = m.domain_version
      FROM m WHERE v.id = m.same_as
    )
    UPDATE data_products AS d
    SET compliance_status = r.status::"ComplianceStatus", compliance_errors = r.errors, compliance_warnings = r.warnings,
        validated_at = ${now.toISOString()}::timestamptz AT TIME ZONE 'UTC'
    FROM r WHERE d.id = r.product_id`);
}

/**
 * The first validation of products written in the same transaction (bulk registration): only the validation rows.
 * The caller wrote each product's compliance columns with the product (summarize), so no product row is updated
 * again, and a new product has no earlier validation to fold into.
 */
export async function storeFirstValidations(tx: Tx, results: ValidationResult[], userId: string): Promise<void> {
  if (results.length === 0) return;
  await tx.$executeRaw(Prisma.sql`
    INSERT INTO product_validations (id, product_id, product_version, status, errors, warnings, findings, global_policy_version,
                                     domain_policy_version, trigger, created_by_id, created_at)
    SELECT id, product_id, product_version, status::"ComplianceStatus", errors, warnings, findings, global_version, domain_version,
           'product-change', ${userId}::uuid, now() AT TIME ZONE 'UTC'
    FROM jsonb_to_recordset(${JSON.stringify(validationRows(results))}::jsonb) AS x(
      id uuid, product_id uuid, product_version text, status text, errors int, warnings int, findings jsonb,
      global_version int, domain_version int)`);
}

const PRODUCT_SELECT = { id: true, spec: true, currentVersion: true, domain: { select: { slug: true } } } as const;

/**
 * Validates one product now and stores the result. A run whose outcome is identical to the latest
 * validation is folded into it (storeValidations) and so keeps its acknowledgement: the same warnings
 * were already accepted. A product change never carries an acknowledgement over.
 */
export async function validateProductById(
  productId: string,
  opts: { trigger: ValidationTrigger; userId?: string | null },
): Promise<ValidationDto> {
  const product = await db.dataProduct.findUnique({ where: { id: productId }, select: PRODUCT_SELECT });
  if (!product) throw new NotFoundError("This data product does not exist.");
  const contextFor = await loadPolicyContexts();
  const scores = await latestQualityScores([product.id]);
  const result = evaluate(product, contextFor(product.domain.slug), scores.get(product.id));
  await storeValidations(db, [result], opts);
  const stored = await latestValidation(product.id);
  if (!stored) throw new Error("validation row vanished after insert");
  return stored;
}

/**
 * After a product was saved: a new validation (which needs a new acknowledgement), returned; null when it could not
 * run. Never fails the save that already happened; a problem is logged and the publish gate validates again anyway.
 */
export async function validateAfterChange(ref: { domain: string; name: string }, userId: string | null): Promise<ValidationDto | null> {
  try {
    const product = await db.dataProduct.findFirst({ where: { name: ref.name, domain: { slug: ref.domain } }, select: { id: true } });
    return product ? await validateProductById(product.id, { trigger: "product-change", userId }) : null;
  } catch (err) {
    logger.warn({ err, ref }, "validation after a product change failed");
    return null;
  }
}

/** The listed products (those that still exist), read with plain SQL: the hot path of a re-validation batch. */
export async function productsByIds(client: Tx | typeof db, ids: string[]): Promise<ProductRow[]> {
  const rows = await client.$queryRaw<{ id: string; spec: unknown; current_version: string; slug: string }[]>(Prisma.sql`
    SELECT p.id::text AS id, p.spec, p.current_version, d.slug
    FROM data_products p JOIN domains d ON d.id = p.domain_id
    WHERE p.id = ANY(${ids}::uuid[])
    ORDER BY p.id`);
  return rows.map((r) => ({ id: r.id, spec: r.spec, currentVersion: r.current_version, domain: { slug: r.slug } }));
}

const ROW_SELECT = {
  id: true,
  productId: true,
  productVersion: true,
  status: true,
  errors: true,
  warnings: true,
  findings: true,
  globalPolicyVersion: true,
  domainPolicyVersion: true,
  trigger: true,
  createdAt: true,
  createdById: true,
  acknowledgedAt: true,
  acknowledgedById: true,
  repeats: true,
  lastConfirmedAt: true,
} as const;
type Row = Prisma.ProductValidationGetPayload<{ select: typeof ROW_SELECT }>;

async function latestRow(productId: string, client: Tx | typeof db = db): Promise<Row | null> {
  return client.productValidation.findFirst({ where: { productId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: ROW_SELECT });
}

function toState(r: { productVersion: string; globalPolicyVersion: number | null; domainPolicyVersion: number | null; findings: unknown }) {
  return {
    productVersion: r.productVersion,
    globalPolicyVersion: r.globalPolicyVersion,
    domainPolicyVersion: r.domainPolicyVersion,
    findings: Array.isArray(r.findings) ? findingsFromJson(r.findings) : [],
  };
}

async function toDtos(rows: Row[]): Promise<ValidationDto[]> {
  const userIds = [...new Set(rows.flatMap((r) => [r.createdById, r.acknowledgedById]).filter((id): id is string => id !== null))];
  const users = userIds.length > 0 ? await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : [];
  const name = (id: string | null) => (id ? (users.find((u) => u.id === id)?.name ?? "A former user") : null);
  return rows.map((r) => {
    const findings = findingsFromJson(r.findings);
    return {
      id: r.id,
      productId: r.productId,
      productVersion: r.productVersion,
      status: r.status as ComplianceStatus,
      errors: r.errors,
      warnings: r.warnings,
      infos: findings.filter((f) => f.severity === "info").length,
      findings,
      globalPolicyVersion: r.globalPolicyVersion,
      domainPolicyVersion: r.domainPolicyVersion,
      trigger: r.trigger,
      createdAt: r.createdAt.toISOString(),
      createdBy: name(r.createdById),
      acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null,
      acknowledgedBy: name(r.acknowledgedById),
      repeats: r.repeats,
      lastConfirmedAt: r.lastConfirmedAt?.toISOString() ?? null,
    };
  });
}

/** The product's most recent validation, or null when it was never validated. */
export async function latestValidation(productId: string): Promise<ValidationDto | null> {
  const row = await latestRow(productId);
  return row ? (await toDtos([row]))[0] : null;
}

/** The product's validations, newest first, a page at a time (the compliance page's history). */
export async function listValidations(
  productId: string,
  opts: { page: number; pageSize: number },
): Promise<{ rows: ValidationDto[]; total: number }> {
  const [rows, total] = await Promise.all([
    db.productValidation.findMany({
      where: { productId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (opts.page - 1) * opts.pageSize,
      take: opts.pageSize,
      select: ROW_SELECT,
    }),
    db.productValidation.count({ where: { productId } }),
  ]);
  return { rows: await toDtos(rows), total };
}

/**
 * The validation that describes the product right now, for the publish gate: the latest stored one if
 * re-validating gives the same outcome (so its acknowledgement counts), else a new one, stored at once
 * and outside the caller's transaction so the findings stay visible even when publishing is refused.
 */
export async function currentValidation(
  tx: Tx,
  productId: string,
  userId: string | null,
): Promise<{ id: string; findings: Finding[]; acknowledged: boolean; stored: "existing" | "new" }> {
  const product = await tx.dataProduct.findUnique({ where: { id: productId }, select: PRODUCT_SELECT });
  if (!product) throw new NotFoundError("This data product does not exist.");
  const contextFor = await loadPolicyContexts(tx);
  const scores = await latestQualityScores([product.id], tx);
  const fresh = evaluate(product, contextFor(product.domain.slug), scores.get(product.id));
  const latest = await latestRow(product.id, tx);
  if (latest && isCurrent(toState(latest), toState(fresh))) {
    return { id: latest.id, findings: fresh.findings, acknowledged: latest.acknowledgedAt !== null, stored: "existing" };
  }
  // `db`, not `tx`: its own statement, committed even when the caller's transaction rolls back.
  await storeValidations(db, [fresh], { trigger: "publish", userId });
  // Same version and findings under newer policies: folded into the latest row, acknowledgement kept.
  if (latest && sameOutcome(toState(latest), toState(fresh))) {
    return { id: latest.id, findings: fresh.findings, acknowledged: latest.acknowledgedAt !== null, stored: "existing" };
  }
  return { id: fresh.id, findings: fresh.findings, acknowledged: false, stored: "new" };
}
