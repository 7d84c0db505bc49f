"use client";
// Compliance regulations and their requirement toggles (GDPR data minimisation, CCPA deletion, ...).
import { REGULATIONS } from "@/lib/governance/policies/types";
import { blankCompliance, type ComplianceDraft } from "@/lib/governance/policies/form";
import { AddButton, CellInput, CellSelect, ListErrors, RemoveButton, replaceAt, type Errors } from "./cells";

/** Requirements the validation rules act on, offered when a regulation is added. */
const SUGGESTED: Record<string, string[]> = {
  gdpr: ["data_minimization", "right_to_erasure", "data_portability"],
  ccpa: ["data_disclosure", "data_deletion", "opt_out"],
};

type Props = { value: ComplianceDraft[]; onChange: (v: ComplianceDraft[]) => void; errors: Errors; prefix: string; disabled?: boolean };

export function ComplianceEditor({ value, onChange, errors, prefix, disabled }: Props) {
  const set = (i: number, patch: Partial<ComplianceDraft>) => onChange(replaceAt(value, i, { ...value[i], ...patch }));
  const unused = REGULATIONS.filter((r) => !value.some((v) => v.regulation === r));
  const add = () => {
    const regulation = unused[0] ?? "";
    onChange([
      ...value,
      { ...blankCompliance(), regulation, requirements: (SUGGESTED[regulation] ?? []).map((name) => ({ name, applies: true })) },
    ]);
  };
  return (
    <div className="space-y-4">
      <ListErrors errors={errors} path={prefix} />
      {value.length === 0 && <p className="text-sm text-slate-600">No regulations apply.</p>}
      {value.map((rule, i) => {
        const p = `${prefix}[${i}]`;
        const name = rule.regulation || `regulation ${i + 1}`;
        const setReq = (j: number, patch: Partial<ComplianceDraft["requirements"][number]>) =>
          set(i, { requirements: replaceAt(rule.requirements, j, { ...rule.requirements[j], ...patch }) });
        return (
          <fieldset key={i} className="rounded-md p-3 ring-1 ring-slate-200">
            <legend className="px-1 text-sm font-medium text-slate-800">{name.toUpperCase()}</legend>
            <div className="flex flex-wrap items-start gap-3">
              <CellSelect
                label={`Regulation ${i + 1}`}
                value={rule.regulation}
                onChange={(regulation) => set(i, { regulation })}
                options={REGULATIONS}
                blank="Choose…"
                errors={errors}
                path={`${p}.regulation`}
                disabled={disabled}
              />
              <RemoveButton label={`Remove ${name}`} onClick={() => onChange(value.filter((_, j) => j !== i))} disabled={disabled} />
            </div>
            <ListErrors errors={errors} path={`${p}.requirements`} />
            <ul className="mt-3 space-y-2">
              {rule.requirements.map((req, j) => (
                <li key={j} className="flex flex-wrap items-start gap-2">
                  <label className="mt-2 inline-flex items-center gap-1 text-sm text-slate-700">
                    <input
                      type="checkbox"
                      checked={req.applies}
                      onChange={(e) => setReq(j, { applies: e.target.checked })}
                      disabled={disabled}
                      className="size-4 rounded border-slate-300"
                      aria-label={`${name} requirement ${req.name || j + 1} applies`}
                    />
                    applies
                  </label>
                  <CellInput
                    label={`${name} requirement ${j + 1} name`}
                    value={req.name}
                    onChange={(n) => setReq(j, { name: n })}
                    placeholder="right_to_erasure"
                    errors={errors}
                    path={`${p}.requirements[${j}]`}
                    disabled={disabled}
                    className="min-w-48 flex-1"
                  />
                  <RemoveButton
                    label={`Remove requirement ${req.name || j + 1} of ${name}`}
                    onClick={() => set(i, { requirements: rule.requirements.filter((_, k) => k !== j) })}
                    disabled={disabled}
                  />
                </li>
              ))}
            </ul>
            <AddButton onClick={() => set(i, { requirements: [...rule.requirements, { name: "", applies: true }] })} disabled={disabled}>
              Add requirement
            </AddButton>
          </fieldset>
        );
      })}
      <AddButton onClick={add} disabled={disabled || unused.length === 0}>
        Add regulation
      </AddButton>
      <p className="text-xs text-slate-500">
        Validation acts on GDPR data_minimization and right_to_erasure and CCPA data_deletion for products with personal data.
      </p>
    </div>
  );
}
