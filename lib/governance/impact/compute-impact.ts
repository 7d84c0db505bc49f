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

/** Pure core: compares each product's errors under the current and the candidate policy of its domain. */
export function computeImpact(
  products: readonly ImpactProduct[],
  currentFor: (domain: string) => EffectivePolicy,
  candidateFor: (domain: string) => EffectivePolicy,
  limit = IMPACT_ROW_LIMIT,
): ImpactResult {
  const memo = (fn: (d: string) => EffectivePolicy) => {
    const cache = new Map<string, EffectivePolicy>();
    return (d: string) => cache.get(d) ?? cache.set(d, fn(d)).get(d)!;
  };
  const current = memo(currentFor);
  const candidate = memo(candidateFor);
  const affected: ImpactRow[] = [];
  let improvedCount = 0;
  // validateProduct is pure, so equal inputs under the same policies give equal findings.
  const evaluated = new Map<string, { before: Finding[]; after: Finding[] }>();
  const evaluate = (p: ImpactProduct) => {
    const key = p.inputsKey === undefined ? undefined : `${p.domain}\u0000${p.inputsKey}`;
    const known = key === undefined ? undefined : evaluated.get(key);
    if (known) return known;
    const context: ValidationContext = p.scores ? { qualityScores: p.scores } : {};
    const result = { before: safeValidate(p.spec, current(p.domain), context), after: safeValidate(p.spec, candidate(p.domain), context) };
    if (key !== undefined) evaluated.set(key, result);
    return result;
  };
  for (const p of products) {
    const { before, after } = evaluate(p);
    const had = new Set(before.map(errorKey));
    const added = after.filter((f) => !had.has(errorKey(f)));
    if (added.length > 0) {
      affected.push({
        id: p.id,
        name: p.name,
        domain: p.domain,
        lifecycle: p.lifecycle,
        newErrors: added.map((f) => ({ ruleId: f.ruleId, message: f.message, path: f.path })),
        errorsBefore: before.length,
        errorsAfter: after.length,
      });
    } else if (after.length < before.length) improvedCount += 1;
  }
  affected.sort((a, b) => b.newErrors.length - a.newErrors.length || a.domain.localeCompare(b.domain) || a.name.localeCompare(b.name));
  return { checked: products.length, affected: affected.slice(0, limit), affectedCount: affected.length, improvedCount };
}
