"use client";
// The global DataGovernancePolicy editor: one structured section per tab (classification levels,
// access control, data quality, compliance, federation controls) sharing one draft and one save, plus
// a YAML tab with its own save. Edits survive switching tabs and failed saves.
import { useActionState, useState } from "react";
import type { ActionState } from "@/lib/errors";
import { ACCESS_MODELS, POLICY_KEYS, QUALITY_REQUIREMENT_KEYS, type GlobalPolicy } from "@/lib/governance/policies/types";
import { globalDraftFromSpec, globalDraftToFormData, type GlobalDraft } from "@/lib/governance/policies/form";
import { cn } from "@/lib/cn";
import { Card } from "@/components/ui/card";
import { AccessRulesEditor, ClassificationEditor, QualityRulesEditor } from "../components/rule-editors";
import { ComplianceEditor } from "../components/compliance-editor";
import { QualityRequirementsFields } from "../components/quality-requirements-fields";
import { CellInput, CellSelect, ListErrors } from "../components/cells";
import { useVersionedDraft } from "../components/use-versioned-draft";
import { SaveBar } from "../components/save-bar";
import { ControlledForm } from "@/components/ui/controlled-form";
import { YamlEditor } from "../components/yaml-editor";
import { GLOBAL_TABS, type GlobalTab } from "./tabs";

type Props = {
  action: (prev: ActionState | null, formData: FormData) => Promise<ActionState>;
  spec: GlobalPolicy;
  version: number;
  yaml: string;
  documentName: string;
  canEdit: boolean;
  initialTab: GlobalTab;
};

const LOCK_LABELS: Record<string, string> = {
  data_classification: "Classification levels",
  access_control: "Access control (roles)",
  data_quality: "Data quality metrics",
  compliance: "Compliance",
  data_retention: "Data retention",
  access_model: "Access model",
  quality_requirements: "All quality requirements",
};

export function GlobalPolicyEditor({ action, spec, version, yaml, documentName, canEdit, initialTab }: Props) {
  const [tab, setTab] = useState<GlobalTab>(initialTab);
  const [state, dispatch] = useActionState(action, null);
  // A global policy always exists: a missing one in a conflict keeps the current draft's base.
  const { draft, setDraft, saveBar } = useVersionedDraft<GlobalDraft, GlobalPolicy>(spec, version, (s) => globalDraftFromSpec(s ?? spec));
  const errors = state?.errors ?? {};
  const set =
    <K extends keyof GlobalDraft>(key: K) =>
    (value: GlobalDraft[K]) =>
      setDraft((d) => ({ ...d, [key]: value }));
  const levels = draft.data_classification.map((c) => c.level).filter(Boolean);
  const tabHasErrors = (keys: readonly string[]) =>
    Object.keys(errors).some((k) => keys.some((key) => k === key || k.startsWith(`${key}[`) || k.startsWith(`${key}.`)));
  const otherErrors = Object.entries(errors).filter(
    ([k]) =>
      k !== "note" &&
      k !== "yaml" &&
      !GLOBAL_TABS.some((t) => t.keys.some((key) => k === key || k.startsWith(`${key}[`) || k.startsWith(`${key}.`))),
  );

  const disabled = !canEdit;

  return (
    <div>
      <div
        role="tablist"
        aria-label="Policy sections"
        className="-mx-4 mb-4 flex gap-1 overflow-x-auto border-b border-slate-200 px-4 sm:mx-0 sm:px-0"
      >
        {GLOBAL_TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`panel-${t.id}`}
            onClick={() => setTab(t.id)}
            className={cn(
              "-mb-px whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium",
              tab === t.id
                ? "border-brand-600 text-brand-700"
                : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
            )}
          >
            {t.label}
            {tabHasErrors(t.keys) && <span className="ml-1 inline-block size-2 rounded-full bg-red-500" aria-label="has errors" />}
          </button>
        ))}
      </div>

      {/* Kept mounted while hidden so a half-edited document survives switching tabs. */}
      <div role="tabpanel" id="panel-yaml" aria-labelledby="tab-yaml" hidden={tab !== "yaml"}>
        <YamlEditor
          action={action}
          initialYaml={yaml}
          version={version}
          kind="global"
          documentName={documentName}
          fileName={`${documentName}.yaml`}
          exportHref={`/api/governance/policies/export?scope=global`}
          disabled={disabled}
        />
      </div>
      {tab !== "yaml" && (
        <ControlledForm action={(fd: FormData) => dispatch(globalDraftToFormData(draft, fd))} className="space-y-4" noValidate>
          <fieldset disabled={disabled} role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="min-w-0">
            {tab === "classification" && (
              <Card
                title="Classification levels"
                actions={<span className="text-xs text-slate-500">Encryption and maximum retention per level</span>}
              >
                <ClassificationEditor
                  value={draft.data_classification}
                  onChange={set("data_classification")}
                  errors={errors}
                  prefix="data_classification"
                  disabled={disabled}
                />
              </Card>
            )}
            {tab === "access" && (
              <Card
                title="Access control"
                actions={<span className="text-xs text-slate-500">What each role may do, and which levels it may read</span>}
              >
                <AccessRulesEditor
                  value={draft.access_control}
                  onChange={set("access_control")}
                  errors={errors}
                  prefix="access_control"
                  levels={levels}
                  disabled={disabled}
                />
              </Card>
            )}
            {tab === "quality" && (
              <Card title="Data quality">
                <QualityRulesEditor
                  value={draft.data_quality}
                  onChange={set("data_quality")}
                  errors={errors}
                  prefix="data_quality"
                  disabled={disabled}
                />
              </Card>
            )}
            {tab === "compliance" && (
              <Card title="Compliance">
                <ComplianceEditor
                  value={draft.compliance}
                  onChange={set("compliance")}
                  errors={errors}
                  prefix="compliance"
                  disabled={disabled}
                />
              </Card>
            )}
            {tab === "federation" && <FederationSection draft={draft} set={set} errors={errors} disabled={disabled} />}
          </fieldset>
          {otherErrors.length > 0 && (
            <ul role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-700">
              {otherErrors.map(([k, v]) => (
                <li key={k}>
                  <span className="font-mono text-xs">{k}</span>: {v?.join(" ")}
                </li>
              ))}
            </ul>
          )}
          {canEdit ? (
            <SaveBar state={state} {...saveBar} />
          ) : (
            <p className="text-sm text-slate-600">Only the governance team can change the global policy.</p>
          )}
        </ControlledForm>
      )}
    </div>
  );
}

type SectionProps = {
  draft: GlobalDraft;
  set: <K extends keyof GlobalDraft>(key: K) => (value: GlobalDraft[K]) => void;
  errors: Record<string, string[]>;
  disabled: boolean;
};

function FederationSection({ draft, set, errors, disabled }: SectionProps) {
  const toggle = (path: string, on: boolean) =>
    set("locked")(on ? [...draft.locked.filter((p) => p !== path), path] : draft.locked.filter((p) => p !== path));
  const lockedByParent = (path: string) => path.includes(".") && draft.locked.includes(path.split(".")[0]);
  return (
    <div className="space-y-4">
      <Card title="Locked keys" actions={<span className="text-xs text-slate-500">Domains cannot override a locked key</span>}>
        <ListErrors errors={errors} path="locked" />
        <fieldset>
          <legend className="sr-only">Locked policy keys</legend>
          <div className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
            {POLICY_KEYS.map((key) => (
              <label key={key} className="flex items-start gap-2 text-sm text-slate-800">
                <input
                  type="checkbox"
                  className="mt-0.5 size-4 rounded border-slate-300"
                  checked={draft.locked.includes(key)}
                  onChange={(e) => toggle(key, e.target.checked)}
                  disabled={disabled}
                />
                <span>
                  {LOCK_LABELS[key]} <span className="block font-mono text-xs text-slate-500">{key}</span>
                </span>
              </label>
            ))}
          </div>
          <p className="mt-4 mb-2 text-sm font-medium text-slate-800">Single quality requirements</p>
          <div className="grid gap-2 sm:grid-cols-2 lg:grid-cols-4">
            {QUALITY_REQUIREMENT_KEYS.map((entry) => {
              const path = `quality_requirements.${entry}`;
              return (
                <label key={path} className="flex items-center gap-2 text-sm text-slate-800">
                  <input
                    type="checkbox"
                    className="size-4 rounded border-slate-300"
                    checked={draft.locked.includes(path) || lockedByParent(path)}
                    onChange={(e) => toggle(path, e.target.checked)}
                    disabled={disabled || lockedByParent(path)}
                  />
                  <span className="font-mono text-xs">{path}</span>
                </label>
              );
            })}
          </div>
          {draft.locked.map(
            (p, i) =>
              errors[`locked[${i}]`] && (
                <p key={p} className="mt-1 text-xs text-red-600" role="alert">
                  {p}: {errors[`locked[${i}]`]?.join(" ")}
                </p>
              ),
          )}
        </fieldset>
        <label className="mt-4 flex items-start gap-2 text-sm text-slate-800">
          <input
            type="checkbox"
            className="mt-0.5 size-4 rounded border-slate-300"
            checked={draft.domain_overrides_allowed}
            onChange={(e) => set("domain_overrides_allowed")(e.target.checked)}
            disabled={disabled}
          />
          <span>
            Domains may override values this policy sets{" "}
            <span className="block text-xs text-slate-500">
              When off, domains may only fill in values the global policy leaves unset (their own retention, freshness…).
            </span>
          </span>
        </label>
      </Card>
      <Card
        title="Defaults for every domain"
        actions={<span className="text-xs text-slate-500">Optional; a domain&apos;s own value replaces them unless locked</span>}
      >
        <div className="mb-4 grid gap-4 sm:grid-cols-2">
          <div>
            <label htmlFor="g-retention" className="mb-1 block text-sm font-medium text-slate-800">
              Data retention
            </label>
            <CellInput
              id="g-retention"
              label="Default data retention"
              value={draft.data_retention}
              onChange={set("data_retention")}
              placeholder="(per classification level)"
              errors={errors}
              path="data_retention"
              disabled={disabled}
            />
          </div>
          <div>
            <span className="mb-1 block text-sm font-medium text-slate-800">Access model</span>
            <CellSelect
              label="Default access model"
              value={draft.access_model}
              onChange={set("access_model")}
              options={ACCESS_MODELS}
              blank="(role_based)"
              errors={errors}
              path="access_model"
              disabled={disabled}
            />
          </div>
        </div>
        <QualityRequirementsFields
          value={draft.quality_requirements}
          onChange={set("quality_requirements")}
          errors={errors}
          disabled={disabled}
        />
      </Card>
    </div>
  );
}
