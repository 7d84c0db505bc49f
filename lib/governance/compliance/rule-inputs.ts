// What the validation rules (rules.ts) read from a spec, and nothing more: classification, the PII
// fields, access grants, the two SLO figures and the governance declarations. Stored with every spec
// (data_products.rule_inputs, written by persist-spec in the save's transaction; the migration's SQL
// function product_rule_inputs computes the same for bulk loads), so the impact preview over 100,000
// products reads a few hundred bytes per product instead of whole documents.
//
// Only PII fields are kept from the schema: every error rule reads just their names. The info-level
// "pii.likely-undeclared" rule reads every field name, so it needs the full spec; the preview compares
// errors only, and re-validation (which stores every finding) still reads the full spec.
import type { DataProductSpec, GovernanceDeclarations } from "@/lib/products";

export type RuleInputs = {
  classification: DataProductSpec["classification"];
  schema: { name: string; pii: true }[];
  access: DataProductSpec["access"];
  slo: Pick<DataProductSpec["slo"], "availability" | "freshnessMinutes">;
  governance?: GovernanceDeclarations;
};

const GOVERNANCE_KEYS = ["encryption", "retention", "purpose", "erasure"] as const;

export function ruleInputsOf(spec: DataProductSpec): RuleInputs {
  const out: RuleInputs = {
    classification: spec.classification,
    schema: spec.schema.filter((f) => f.pii).map((f) => ({ name: f.name, pii: true })),
    access: spec.access.map((g) => ({ role: g.role, permissions: g.permissions })),
    slo: { availability: spec.slo.availability, freshnessMinutes: spec.slo.freshnessMinutes },
  };
  if (spec.governance) {
    const g: Record<string, unknown> = {};
    for (const k of GOVERNANCE_KEYS) if (spec.governance[k] !== undefined && spec.governance[k] !== null) g[k] = spec.governance[k];
    out.governance = g as GovernanceDeclarations;
  }
  return out;
}

/**
 * The inputs in the shape validateProduct takes. The fields it never reads are left out, so this is only
 * for validation, never for display.
 */
export function asValidationSpec(inputs: RuleInputs | DataProductSpec): DataProductSpec {
  return inputs as DataProductSpec;
}
