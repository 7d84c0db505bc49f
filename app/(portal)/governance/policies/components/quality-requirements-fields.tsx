"use client";
// A quality bar (percent per metric, freshness, availability): a domain's own requirements, or the
// global defaults. Each field can be locked by the global policy, and shows the value it would inherit.
import { QUALITY_REQUIREMENT_KEYS, type QualityRequirementKey } from "@/lib/governance/policies/types";
import type { QualityRequirementsDraft } from "@/lib/governance/policies/form";
import { CellInput, type Errors } from "./cells";

type Props = {
  value: QualityRequirementsDraft;
  onChange: (v: QualityRequirementsDraft) => void;
  errors: Errors;
  disabled?: boolean;
  /** path → note for fields the user may not change */
  locks?: Record<string, string | undefined>;
  /** the value a field falls back to when left empty (e.g. "global: 95") */
  inherited?: Partial<Record<QualityRequirementKey, string>>;
};

const LABELS: Record<QualityRequirementKey, string> = {
  completeness: "Completeness",
  accuracy: "Accuracy",
  consistency: "Consistency",
  validity: "Validity",
  uniqueness: "Uniqueness",
  timeliness: "Timeliness",
  freshness: "Freshness",
  availability: "Availability",
};

export function QualityRequirementsFields({ value, onChange, errors, disabled, locks = {}, inherited = {} }: Props) {
  return (
    <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
      {QUALITY_REQUIREMENT_KEYS.map((key) => {
        const path = `quality_requirements.${key}`;
        const lock = locks[path];
        const percent = key !== "freshness";
        return (
          <div key={key}>
            <label className="mb-1 block text-sm font-medium text-slate-800" htmlFor={`q-${key}`}>
              {LABELS[key]}
            </label>
            <CellInput
              id={`q-${key}`}
              label={`${LABELS[key]} requirement${percent ? " (percent)" : ""}`}
              value={value[key]}
              onChange={(v) => onChange({ ...value, [key]: v })}
              errors={errors}
              path={path}
              disabled={disabled || Boolean(lock)}
              placeholder={inherited[key] ?? (percent ? "—" : "1_hour")}
              suffix={percent ? "%" : undefined}
              inputMode={percent ? "decimal" : "text"}
            />
            {lock ? (
              <p className="mt-1 text-xs text-amber-800">{lock}</p>
            ) : inherited[key] ? (
              <p className="mt-1 text-xs text-slate-500">Empty: {inherited[key]}</p>
            ) : null}
          </div>
        );
      })}
    </div>
  );
}
