"use client";
// A domain's policy (the seed's DomainGovernance): its retention, access model and quality bar, plus
// optional overrides of global rules. Fields the global policy locks are shown disabled with the
// reason; the rest is edited as a draft, previewed for impact and saved as a new version.
import { useActionState, useMemo, useState } from "react";
import type { ActionState } from "@/lib/errors";
import {
  ACCESS_MODELS,
  QUALITY_REQUIREMENT_KEYS,
  type DomainPolicy,
  type GlobalPolicy,
  type QualityRequirementKey,
} from "@/lib/governance/policies/types";
import {
  domainDraftFromSpec,
  domainDraftToFormData,
  globalDraftFromSpec,
  OVERRIDE_KEYS,
  type DomainDraft,
  type OverrideKey,
  type OverridesDraft,
} from "@/lib/governance/policies/form";
import type { PathLock } from "@/lib/governance/policies/domain-edit";
import { cn } from "@/lib/cn";
import { Card } from "@/components/ui/card";
import { AccessRulesEditor, ClassificationEditor, QualityRulesEditor } from "../../components/rule-editors";
import { ComplianceEditor } from "../../components/compliance-editor";
import { QualityRequirementsFields } from "../../components/quality-requirements-fields";
import { CellError, CellInput, CellSelect } from "../../components/cells";
import { useVersionedDraft } from "../../components/use-versioned-draft";
import { SaveBar } from "../../components/save-bar";
import { ControlledForm } from "@/components/ui/controlled-form";
import { YamlEditor } from "../../components/yaml-editor";

type Props = {
  action: (prev: ActionState | null, formData: FormData) => Promise<ActionState>;
  slug: string;
  spec: DomainPolicy | null;
  version: number;
  global: GlobalPolicy;
  locks: Record<string, PathLock>;
  canEdit: boolean;
  yaml: string;
  documentName: string;
};

const OVERRIDE_LABELS: Record<OverrideKey, string> = {
  data_classification: "Classification levels",
  access_control: "Access control",
  data_quality: "Data quality metrics",
  compliance: "Compliance",
};

/** What a quality field falls back to: the global default, else the global data quality threshold. */
function inheritedQuality(global: GlobalPolicy): Partial<Record<QualityRequirementKey, string>> {
  const out: Partial<Record<QualityRequirementKey, string>> = {};
  for (const key of QUALITY_REQUIREMENT_KEYS) {
    const own = global.quality_requirements?.[key];
    const rule = global.data_quality.find((q) => q.metric === key);
    if (own !== undefined) out[key] = `global ${own}${key === "freshness" ? "" : "%"}`;
    else if (rule) out[key] = `global ${rule.threshold}% (${rule.enforcement})`;
  }
  return out;
}

export function DomainPolicyEditor({ action, slug, spec, version, global, locks, canEdit, yaml, documentName }: Props) {
  const [mode, setMode] = useState<"form" | "yaml">("form");
  const [state, dispatch] = useActionState(action, null);
  const { draft, setDraft, saveBar } = useVersionedDraft<DomainDraft, DomainPolicy>(spec as DomainPolicy, version, domainDraftFromSpec);
  const errors = state?.errors ?? {};
  const globalDraft = useMemo(() => globalDraftFromSpec(global), [global]);
  const lockNote = (path: string) => (locks[path]?.allowed === false ? locks[path]?.note : undefined);
  const disabled = !canEdit;

  const setOverride = <K extends OverrideKey>(key: K, value: OverridesDraft[K]) =>
    setDraft((d) => ({ ...d, overrides: { ...d.overrides, [key]: value } }));
  const levels = (draft.overrides.data_classification ?? globalDraft.data_classification).map((c) => c.level).filter(Boolean);

  return (
    <div>
      <div role="tablist" aria-label="Editor" className="mb-4 inline-flex rounded-md p-0.5 ring-1 ring-slate-300">
        {(["form", "yaml"] as const).map((m) => (
          <button
            key={m}
            type="button"
            role="tab"
            aria-selected={mode === m}
            onClick={() => setMode(m)}
            className={cn(
              "rounded px-3 py-1.5 text-sm font-medium",
              mode === m ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-100",
            )}
          >
            {m === "form" ? "Form" : "YAML"}
          </button>
        ))}
      </div>
      <div hidden={mode !== "yaml"}>
        <YamlEditor
          action={action}
          initialYaml={yaml}
          version={version}
          kind="domain"
          documentName={documentName}
          fileName={`${documentName}.yaml`}
          exportHref={spec ? `/api/governance/policies/export?scope=domain&domain=${encodeURIComponent(slug)}` : null}
          hidden={{ domain: slug }}
          disabled={disabled}
        />
      </div>
      {mode === "form" && (
        <ControlledForm action={(fd: FormData) => dispatch(domainDraftToFormData(draft, fd))} className="space-y-4" noValidate>
          <input type="hidden" name="domain" value={slug} />
          <fieldset disabled={disabled} className="min-w-0 space-y-4">
            <Card title="Domain settings">
              <div className="grid gap-4 sm:grid-cols-2">
                <div>
                  <label htmlFor="d-retention" className="mb-1 block text-sm font-medium text-slate-800">
                    Data retention
                  </label>
                  <CellInput
                    id="d-retention"
                    label="Data retention"
                    value={draft.data_retention}
                    onChange={(v) => setDraft((d) => ({ ...d, data_retention: v }))}
                    placeholder={global.data_retention ? `global ${global.data_retention}` : "per classification level"}
                    errors={errors}
                    path="data_retention"
                    disabled={disabled || Boolean(lockNote("data_retention"))}
                  />
                  {lockNote("data_retention") ? (
                    <p className="mt-1 text-xs text-amber-800">{lockNote("data_retention")}</p>
                  ) : (
                    <p className="mt-1 text-xs text-slate-500">Replaces every level&apos;s retention for this domain, e.g. 3_years.</p>
                  )}
                </div>
                <div>
                  <span className="mb-1 block text-sm font-medium text-slate-800">Access model</span>
                  <CellSelect
                    label="Access model"
                    value={draft.access_model}
                    onChange={(v) => setDraft((d) => ({ ...d, access_model: v }))}
                    options={ACCESS_MODELS}
                    blank={`(inherit: ${global.access_model ?? "role_based"})`}
                    errors={errors}
                    path="access_model"
                    disabled={disabled || Boolean(lockNote("access_model"))}
                  />
                  {lockNote("access_model") ? (
                    <p className="mt-1 text-xs text-amber-800">{lockNote("access_model")}</p>
                  ) : (
                    <p className="mt-1 text-xs text-slate-500">strict_role_based: reads need domain membership too.</p>
                  )}
                </div>
              </div>
            </Card>
            <Card
              title="Quality requirements"
              actions={<span className="text-xs text-slate-500">Percent per metric; freshness as 15_minutes, 1_hour…</span>}
            >
              <QualityRequirementsFields
                value={draft.quality_requirements}
                onChange={(v) => setDraft((d) => ({ ...d, quality_requirements: v }))}
                errors={errors}
                disabled={disabled}
                locks={Object.fromEntries(
                  QUALITY_REQUIREMENT_KEYS.map((k) => [`quality_requirements.${k}`, lockNote(`quality_requirements.${k}`)]),
                )}
                inherited={inheritedQuality(global)}
              />
            </Card>
            <Card
              title="Overrides of global rules"
              actions={<span className="text-xs text-slate-500">Optional: replace a global rule list for this domain</span>}
            >
              <div className="space-y-5">
                {OVERRIDE_KEYS.map((key) => {
                  const note = lockNote(key);
                  const value = draft.overrides[key];
                  const on = value !== null;
                  return (
                    <div key={key} className="border-t border-slate-100 pt-4 first:border-0 first:pt-0">
                      <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
                        <input
                          type="checkbox"
                          className="size-4 rounded border-slate-300"
                          checked={on}
                          disabled={disabled || (Boolean(note) && !on)}
                          onChange={(e) => setOverride(key, e.target.checked ? (structuredClone(globalDraft[key]) as never) : null)}
                        />
                        Override {OVERRIDE_LABELS[key].toLowerCase()}
                      </label>
                      {note && (
                        <p className="mt-1 text-xs text-amber-800">
                          {note}
                          {on ? " — this domain's value is ignored; clear it to tidy up." : ""}
                        </p>
                      )}
                      <CellError errors={errors} path={`overrides.${key}`} />
                      {on && (
                        <div className="mt-3">
                          {key === "data_classification" && (
                            <ClassificationEditor
                              value={draft.overrides.data_classification ?? []}
                              onChange={(v) => setOverride("data_classification", v)}
                              errors={errors}
                              prefix="overrides.data_classification"
                              disabled={disabled || Boolean(note)}
                            />
                          )}
                          {key === "access_control" && (
                            <AccessRulesEditor
                              value={draft.overrides.access_control ?? []}
                              onChange={(v) => setOverride("access_control", v)}
                              errors={errors}
                              prefix="overrides.access_control"
                              levels={levels}
                              disabled={disabled || Boolean(note)}
                            />
                          )}
                          {key === "data_quality" && (
                            <QualityRulesEditor
                              value={draft.overrides.data_quality ?? []}
                              onChange={(v) => setOverride("data_quality", v)}
                              errors={errors}
                              prefix="overrides.data_quality"
                              disabled={disabled || Boolean(note)}
                            />
                          )}
                          {key === "compliance" && (
                            <ComplianceEditor
                              value={draft.overrides.compliance ?? []}
                              onChange={(v) => setOverride("compliance", v)}
                              errors={errors}
                              prefix="overrides.compliance"
                              disabled={disabled || Boolean(note)}
                            />
                          )}
                        </div>
                      )}
                    </div>
                  );
                })}
              </div>
            </Card>
          </fieldset>
          {errors.spec && (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
              {errors.spec.join(" ")}
            </p>
          )}
          {canEdit && <SaveBar state={state} {...saveBar} />}
        </ControlledForm>
      )}
    </div>
  );
}
