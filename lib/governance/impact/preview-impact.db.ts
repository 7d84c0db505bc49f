// Impact preview: before a policy change is saved, which products would it make non-compliant?
// Every product in scope is validated (pure validateProduct) under its current effective policy and
// under the candidate one; a product is affected when the candidate adds error findings it does not
// have today. PostgreSQL groups the products by what validation reads (the stored rule inputs, domain,
// latest quality scores); each group is validated once, and only the shown rows' names are read.
import "server-only";
import { db } from "@/lib/db";
import { assertCan, type CurrentUser } from "@/lib/auth/server";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { effectivePolicy } from "@/lib/governance/policies/merge";
import {
  compareGroups,
  compareRows,
  IMPACT_ROW_LIMIT,
  isAffected,
  isImproved,
  type ImpactResult,
  type ImpactRow,
} from "@/lib/governance/impact/compute-impact";
import { globalAllowsDomainEdits, lockedChanges } from "@/lib/governance/policies/domain-edit";
import { qualityScoresOf } from "@/lib/governance/compliance/validate-products.db";
import { asValidationSpec, type RuleInputs } from "@/lib/governance/compliance/rule-inputs";
import { pgPool } from "@/lib/pg";
import { issuesToFieldErrors, parseDomainPolicyInput, parseGlobalPolicyInput, type PolicyInput } from "@/lib/governance/policies/input";
import type { DomainPolicy, EffectivePolicy, GlobalPolicy } from "@/lib/governance/policies/types";
import type { DataProductSpec } from "@/lib/products";

export type ImpactCandidate = { scope: "global"; spec: GlobalPolicy } | { scope: "domain"; spec: DomainPolicy };

// Products in scope with what validation reads: the stored rule inputs (the full spec for a row written
// before they existed) and the latest quality metrics. Every statement reads the same products (`$1`: a
// domain slug or null for all), in one snapshot.
const PRODUCTS = `
  data_products p JOIN domains d ON d.id = p.domain_id
  LEFT JOIN (SELECT DISTINCT ON (product_id) product_id, metrics FROM quality_runs ORDER BY product_id, at DESC, id DESC) q ON q.product_id = p.id`;
const IN_SCOPE = `p.lifecycle <> 'retired' AND ($1::text IS NULL OR d.slug = $1)`;

/** Products with equal inputs and metrics in a domain, counted: their findings are equal, so each group is validated once. */
const GROUPS_SQL = `
  SELECT d.slug, COALESCE(p.rule_inputs, p.spec)::text AS inputs, q.metrics::text AS metrics, count(*)::int AS n
  FROM ${PRODUCTS}
  WHERE ${IN_SCOPE}
  GROUP BY d.slug, COALESCE(p.rule_inputs, p.spec), q.metrics`;

/**
 * Up to `$6` products of the given affected groups ($2..$5: their slugs, inputs, metrics and indexes), in
 * the order of the preview's rows within one number of new errors: by domain, then name. Slugs and
 * product names are DNS labels (lowercase letters, digits, dashes), for which the "C" order is the order
 * of localeCompare that computeImpact sorts by.
 */
const ROWS_SQL = `
  WITH g AS (SELECT * FROM unnest($2::text[], $3::jsonb[], $4::jsonb[], $5::int[]) AS g(slug, inputs, metrics, idx))
  SELECT p.id::text AS id, p.name, p.lifecycle::text AS lifecycle, d.slug, g.idx
  FROM ${PRODUCTS}
  JOIN g ON g.slug = d.slug AND g.inputs = COALESCE(p.rule_inputs, p.spec) AND g.metrics IS NOT DISTINCT FROM q.metrics
  WHERE ${IN_SCOPE} AND d.slug = ANY($2::text[])
  ORDER BY d.slug COLLATE "C", p.name COLLATE "C"
  LIMIT $6`;

type GroupRow = { slug: string; inputs: string; metrics: string | null; n: number };
type AffectedRow = { id: string; name: string; lifecycle: string; slug: string; idx: number };

/**
 * The preview from the stored rule inputs, with the heavy part in PostgreSQL: products are grouped by
 * (domain, rule inputs, latest metrics) in SQL, each group is validated once under both policies here,
 * and only the affected products' names are read, at most `limit` of them. Same result as computeImpact
 * over every product (impact.int.test.ts compares the two on a generated mesh).
 */
async function impactFromStore(
  domain: string | undefined,
  currentFor: (d: string) => EffectivePolicy,
  candidateFor: (d: string) => EffectivePolicy,
  limit = IMPACT_ROW_LIMIT,
): Promise<ImpactResult> {
  const client = await pgPool().connect();
  try {
    // One snapshot for both statements; the plan's cost estimate switches JIT on, whose compilation alone
    // took longer than the scan.
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    await client.query("SET LOCAL jit = off");
    const groupRows = (await client.query<GroupRow>(GROUPS_SQL, [domain ?? null])).rows;
    const specs = new Map<string, DataProductSpec>();
    const scores = new Map<string, Record<string, number> | undefined>();
    const groups = groupRows.map((r) => {
      let spec = specs.get(r.inputs);
      if (!spec) specs.set(r.inputs, (spec = asValidationSpec(JSON.parse(r.inputs) as RuleInputs)));
      const metrics = r.metrics ?? "";
      if (!scores.has(metrics)) scores.set(metrics, r.metrics === null ? undefined : qualityScoresOf(JSON.parse(r.metrics)));
      return { domain: r.slug, spec, scores: scores.get(metrics) };
    });
    const compared = compareGroups(groups, currentFor, candidateFor);
    let checked = 0;
    let affectedCount = 0;
    let improvedCount = 0;
    const hit: number[] = [];
    compared.forEach((c, i) => {
      const n = groupRows[i].n;
      checked += n;
      if (isAffected(c)) {
        affectedCount += n;
        hit.push(i);
      } else if (isImproved(c)) improvedCount += n;
    });
    // Rows by number of new errors, most first, then by domain and name. The group counts say which domains
    // fill the page, so only their products are read: a page of 500 from 100,000 affected reads a few domains.
    const affected: ImpactRow[] = [];
    const counts = [...new Set(hit.map((i) => compared[i].newErrors.length))].sort((a, b) => b - a);
    for (const count of counts) {
      const room = limit - affected.length;
      if (room <= 0) break;
      const perDomain = new Map<string, number[]>();
      for (const i of hit)
        if (compared[i].newErrors.length === count) perDomain.set(groupRows[i].slug, [...(perDomain.get(groupRows[i].slug) ?? []), i]);
      const level: number[] = [];
      let products = 0;
      for (const slug of [...perDomain.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
        if (products >= room) break;
        for (const i of perDomain.get(slug)!) {
          level.push(i);
          products += groupRows[i].n;
        }
      }
      const rows = (
        await client.query<AffectedRow>(ROWS_SQL, [
          domain ?? null,
          level.map((i) => groupRows[i].slug),
          level.map((i) => groupRows[i].inputs),
          level.map((i) => groupRows[i].metrics),
          level,
          room,
        ])
      ).rows;
      for (const r of rows) {
        const c = compared[r.idx];
        affected.push({ id: r.id, name: r.name, domain: r.slug, lifecycle: r.lifecycle, ...c, newErrors: [...c.newErrors] });
      }
    }
    affected.sort(compareRows); // already in this order for DNS-label names; the sort keeps it exact for any other
    await client.query("COMMIT");
    return { checked, affected, affectedCount, improvedCount };
  } catch (e) {
    await client.query("ROLLBACK").catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}

/**
 * The stored policies a preview compares with: the global one and the domain policies in the candidate's
 * scope (every domain for a global candidate, its own domain for a domain one), keyed by slug.
 */
export type StoredPolicies = { global: GlobalPolicy; domains: ReadonlyMap<string, DomainPolicy> };

async function loadStoredPolicies(candidate: ImpactCandidate): Promise<StoredPolicies> {
  const [globalRow, domainRows] = await Promise.all([
    db.policy.findFirst({ where: { scope: "global" }, select: { spec: true } }),
    db.policy.findMany({
      where: { scope: "domain", ...(candidate.scope === "domain" ? { domain: { slug: candidate.spec.domain } } : {}) },
      select: { spec: true, domain: { select: { slug: true } } },
    }),
  ]);
  if (!globalRow) throw new NotFoundError("There is no global policy to compare with.");
  const domains = new Map(
    domainRows.flatMap((r) =>
      r.domain ? [[r.domain.slug, { ...(r.spec as unknown as DomainPolicy), domain: r.domain.slug }] as const] : [],
    ),
  );
  return { global: globalRow.spec as unknown as GlobalPolicy, domains };
}

/**
 * Products a candidate policy would make non-compliant (new errors), compared with the stored policies.
 * A caller that has just read them passes `stored`, so a preview reads each policy once.
 */
export async function previewImpact(candidate: ImpactCandidate, stored?: StoredPolicies): Promise<ImpactResult> {
  const { global, domains } = stored ?? (await loadStoredPolicies(candidate));
  const current = (d: string) => effectivePolicy(global, domains.get(d) ?? null).policy;
  const next =
    candidate.scope === "global"
      ? (d: string) => effectivePolicy(candidate.spec, domains.get(d) ?? null).policy
      : () => effectivePolicy(global, candidate.spec).policy;
  return impactFromStore(candidate.scope === "domain" ? candidate.spec.domain : undefined, current, next);
}

export type PreviewTarget = { scope: "global" } | { scope: "domain"; slug: string };

/**
 * The editors' "Preview impact" step: authorizes like the save would, validates the submitted policy
 * the same way (errors name the path) and returns the impact. Writes nothing.
 */
export async function previewPolicyChange(user: CurrentUser, target: PreviewTarget, input: PolicyInput): Promise<ImpactResult> {
  if (target.scope === "global") {
    await assertCan(user, "editGlobalPolicy", [], {
      action: "preview_policy",
      resource: "policy:global",
      message: "Only the governance team can change the global policy.",
    });
    const parsed = parseGlobalPolicyInput(input);
    if (!parsed.ok)
      throw new ValidationError("Fix the highlighted problems to preview the impact.", issuesToFieldErrors(parsed.issues, parsed.format));
    return previewImpact({ scope: "global", spec: parsed.spec });
  }
  const globalRow = await db.policy.findFirst({ where: { scope: "global" }, select: { spec: true } });
  if (!globalRow) throw new NotFoundError("There is no global policy.");
  const global = globalRow.spec as unknown as GlobalPolicy;
  await assertCan(user, "editDomainPolicy", [target.slug, globalAllowsDomainEdits(global)], {
    action: "preview_policy",
    resource: `policy:${target.slug}-governance`,
    message: "Only the governance team, or this domain's owners where the global policy allows it, can change this policy.",
  });
  const parsed = parseDomainPolicyInput(target.slug, input, global);
  if (!parsed.ok)
    throw new ValidationError("Fix the highlighted problems to preview the impact.", issuesToFieldErrors(parsed.issues, parsed.format));
  // Report locked paths now rather than only at save time (the save checks again, in its transaction).
  const storedRow = await db.policy.findFirst({ where: { scope: "domain", domain: { slug: target.slug } }, select: { spec: true } });
  const stored = (storedRow?.spec as DomainPolicy | undefined) ?? null;
  const locked = lockedChanges(global, stored, parsed.spec);
  if (locked.length > 0) {
    const fieldErrors: Record<string, string[]> = {};
    for (const l of locked) (fieldErrors[parsed.format === "yaml" ? "yaml" : l.field] ??= []).push(l.message);
    throw new ValidationError(`Locked by the global policy: ${locked.map((l) => l.path).join(", ")}.`, fieldErrors);
  }
  // Both policies were read above; the preview compares with those rather than reading them again.
  const domains = new Map(stored ? [[target.slug, { ...stored, domain: target.slug }] as const] : []);
  return previewImpact({ scope: "domain", spec: parsed.spec }, { global, domains });
}
