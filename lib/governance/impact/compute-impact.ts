// The pure half of the impact preview (see preview-impact.db.ts): compares each product's error findings under
// the current and a candidate effective policy. No database, so it is unit-tested and benchmarked.
import { validateProduct, type Finding, type RuleId, type ValidationContext } from "../compliance/rules";
import type { EffectivePolicy } from "../policies/types";
import type { DataProductSpec } from "@/lib/products";

export type ImpactProduct = {
  id: string;
  name: string;
  domain: string;
  lifecycle: string;
  spec: DataProductSpec;
  scores?: Record<string, number>;
  /**
   * Products with the same key (within a domain) have equal specs-as-validation-reads-them and equal
   * scores: they are validated once. The stored rule inputs' text makes a good key; omit it to validate
   * every product on its own.
   */
  inputsKey?: string;
};

export type ImpactError = { ruleId: RuleId; message: string; path: string };

export type ImpactRow = {
  id: string;
  name: string;
  domain: string;
  lifecycle: string;
  newErrors: ImpactError[];
  errorsBefore: number;
  errorsAfter: number;
};

export type ImpactResult = {
  /** Products validated. */
  checked: number;
  /** Products that would get new errors, most new errors first (at most `limit` rows). */
  affected: ImpactRow[];
  /** How many products would get new errors (may exceed affected.length). */
  affectedCount: number;
  /** Products that have errors today and would have fewer. */
  improvedCount: number;
};

export const IMPACT_ROW_LIMIT = 500;

const errorKey = (f: Finding) => `${f.ruleId}|${f.path}`;

function safeValidate(spec: DataProductSpec, policy: EffectivePolicy, context: ValidationContext): Finding[] {
  try {
    return validateProduct(spec, policy, context).filter((f) => f.severity === "error");
  } catch {
    return []; // a malformed stored spec is the validation service's finding to report, not the preview's
  }
}

/** One product's (or one group of equal products') comparison: the errors the candidate adds, and the counts before and after. */
export type Comparison = { newErrors: ImpactError[]; errorsBefore: number; errorsAfter: number };

function compare(
  spec: DataProductSpec,
  scores: Record<string, number> | undefined,
  current: EffectivePolicy,
  candidate: EffectivePolicy,
): Comparison {
  const context: ValidationContext = scores ? { qualityScores: scores } : {};
  const before = safeValidate(spec, current, context);
  const after = safeValidate(spec, candidate, context);
  const had = new Set(before.map(errorKey));
  const added = after.filter((f) => !had.has(errorKey(f)));
  return {
    newErrors: added.map((f) => ({ ruleId: f.ruleId, message: f.message, path: f.path })),
    errorsBefore: before.length,
    errorsAfter: after.length,
  };
}

/** A product gets new errors ("affected"), or has errors today and would have fewer ("improved"). */
export const isAffected = (c: Comparison) => c.newErrors.length > 0;
export const isImproved = (c: Comparison) => c.newErrors.length === 0 && c.errorsAfter < c.errorsBefore;

function memo(fn: (d: string) => EffectivePolicy) {
  const cache = new Map<string, EffectivePolicy>();
  return (d: string) => cache.get(d) ?? cache.set(d, fn(d)).get(d)!;
}

/** The order of the affected rows: most new errors first, then by domain and name. */
export function compareRows(a: ImpactRow, b: ImpactRow): number {
  return b.newErrors.length - a.newErrors.length || a.domain.localeCompare(b.domain) || a.name.localeCompare(b.name);
}

/** Products of one domain with equal rule inputs and equal quality scores: validation gives them equal findings. */
export type ImpactGroup = { domain: string; spec: DataProductSpec; scores?: Record<string, number> };

/**
 * The comparison for each group, in the groups' order (the database path in impact.ts groups products in
 * SQL, compares each group once here, then reads only the affected products' names).
 */
export function compareGroups(
  groups: readonly ImpactGroup[],
  currentFor: (domain: string) => EffectivePolicy,
  candidateFor: (domain: string) => EffectivePolicy,
): Comparison[] {
  const current = memo(currentFor);
  const candidate = memo(candidateFor);
  return groups.map((g) => compare(g.spec, g.scores, current(g.domain), candidate(g.domain)));
}

/** Pure core: compares each product's errors under the current and the candidate policy of its domain. */
export function computeImpact(
  products: readonly ImpactProduct[],
  currentFor: (domain: string) => EffectivePolicy,
  candidateFor: (domain: string) => EffectivePolicy,
  limit = IMPACT_ROW_LIMIT,
): ImpactResult {
  const current = memo(currentFor);
  const candidate = memo(candidateFor);
  const affected: ImpactRow[] = [];
  let improvedCount = 0;
  // validateProduct is pure, so equal inputs under the same policies give equal findings.
  const evaluated = new Map<string, Comparison>();
  const evaluate = (p: ImpactProduct) => {
    const key = p.inputsKey === undefined ? undefined : `${p.domain}\u0000${p.inputsKey}`;
    const known = key === undefined ? undefined : evaluated.get(key);
    if (known) return known;
    const result = compare(p.spec, p.scores, current(p.domain), candidate(p.domain));
    if (key !== undefined) evaluated.set(key, result);
    return result;
  };
  for (const p of products) {
    const c = evaluate(p);
    if (isAffected(c))
      affected.push({ id: p.id, name: p.name, domain: p.domain, lifecycle: p.lifecycle, ...c, newErrors: [...c.newErrors] });
    else if (isImproved(c)) improvedCount += 1;
  }
  affected.sort(compareRows);
  return { checked: products.length, affected: affected.slice(0, limit), affectedCount: affected.length, improvedCount };
}
