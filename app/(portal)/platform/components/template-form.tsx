"use client";
// Create / edit a data product template: the seed's storage / processing / serving / governance
// settings, the processing template it uses, and the defaults the registration form is pre-filled with.
import { useActionState, useState } from "react";
import { Card } from "@/components/ui/card";
import { ButtonLink } from "@/components/ui/button";
import { Field, FormMessage, Select, TextArea, TextInput } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/errors";
import { GOVERNANCE_PROFILES, PROCESSING_ENGINES, SERVING_KINDS, STORAGE_KINDS } from "@/lib/platform/schema";
import { CLASSIFICATIONS } from "@/lib/products/types";
import { ControlledForm } from "@/components/ui/controlled-form";

export type TemplateFormValues = {
  key: string;
  name: string;
  description: string;
  storage: string;
  processing: string;
  serving: string;
  governance: string;
  processingTemplate: string;
  processingSettings: string;
  classification: string;
  availability: string;
  latencyMs: string;
  freshnessMinutes: string;
  tags: string;
};

type Props = {
  mode: "create" | "edit";
  action: (prev: ActionState | null, formData: FormData) => Promise<ActionState>;
  initial: TemplateFormValues;
  version: number;
  processingTemplates: { key: string; name: string }[];
};

const label = (s: string) => s.replaceAll("_", " ");

export function TemplateForm({ mode, action, initial, version, processingTemplates }: Props) {
  const [state, formAction] = useActionState(action, null);
  const [v, setV] = useState(initial);
  const errors = state?.errors ?? {};
  const currentVersion = typeof state?.data?.version === "number" ? state.data.version : version;
  const set = (k: keyof TemplateFormValues) => (e: { target: { value: string } }) => setV((p) => ({ ...p, [k]: e.target.value }));
  const choice = (name: keyof TemplateFormValues, title: string, options: readonly string[]) => (
    <Field label={title} name={name} errors={errors[name]}>
      <Select name={name} value={v[name]} onChange={set(name)} errors={errors[name]}>
        {options.map((o) => (
          <option key={o} value={o}>
            {label(o)}
          </option>
        ))}
      </Select>
    </Field>
  );

  return (
    <ControlledForm action={formAction} className="space-y-6" noValidate>
      <input type="hidden" name="version" value={currentVersion} />
      {mode === "edit" && <input type="hidden" name="key" value={v.key} />}
      <Card title="Template">
        <div className="grid gap-4 md:grid-cols-2">
          {mode === "create" && (
            <Field label="Key" name="key" errors={errors.key} hint="e.g. batch_hourly; products record it. Cannot change later.">
              <TextInput name="key" value={v.key} onChange={set("key")} errors={errors.key} autoComplete="off" required />
            </Field>
          )}
          <Field label="Name" name="name" errors={errors.name}>
            <TextInput name="name" value={v.name} onChange={set("name")} errors={errors.name} required />
          </Field>
          <Field label="Description" name="description" errors={errors.description} className="md:col-span-2">
            <TextArea name="description" rows={2} value={v.description} onChange={set("description")} errors={errors.description} />
          </Field>
        </div>
      </Card>
      <Card title="Platform settings">
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {choice("storage", "Storage", STORAGE_KINDS)}
          {choice("processing", "Processing", PROCESSING_ENGINES)}
          {choice("serving", "Serving", SERVING_KINDS)}
          {choice("governance", "Governance", GOVERNANCE_PROFILES)}
          <Field label="Processing template" name="processingTemplate" errors={errors.processingTemplate} className="sm:col-span-2">
            <Select
              name="processingTemplate"
              value={v.processingTemplate}
              onChange={set("processingTemplate")}
              errors={errors.processingTemplate}
            >
              {processingTemplates.map((p) => (
                <option key={p.key} value={p.key}>
                  {p.name} ({p.key})
                </option>
              ))}
            </Select>
          </Field>
          <Field
            label="Processing settings (YAML)"
            name="processingSettings"
            errors={errors.processingSettings}
            className="sm:col-span-2"
            hint="Overrides of the processing template's keys, e.g. schedule: hourly"
          >
            <TextArea
              name="processingSettings"
              rows={3}
              className="font-mono text-xs"
              value={v.processingSettings}
              onChange={set("processingSettings")}
              errors={errors.processingSettings}
            />
          </Field>
        </div>
      </Card>
      <Card title="Registration defaults">
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
          {choice("classification", "Classification", CLASSIFICATIONS)}
          <Field label="Availability (%)" name="availability" errors={errors.availability}>
            <TextInput
              name="availability"
              inputMode="decimal"
              value={v.availability}
              onChange={set("availability")}
              errors={errors.availability}
            />
          </Field>
          <Field label="Latency (ms)" name="latencyMs" errors={errors.latencyMs}>
            <TextInput name="latencyMs" inputMode="numeric" value={v.latencyMs} onChange={set("latencyMs")} errors={errors.latencyMs} />
          </Field>
          <Field label="Freshness (minutes)" name="freshnessMinutes" errors={errors.freshnessMinutes}>
            <TextInput
              name="freshnessMinutes"
              inputMode="numeric"
              value={v.freshnessMinutes}
              onChange={set("freshnessMinutes")}
              errors={errors.freshnessMinutes}
            />
          </Field>
          <Field label="Tags" name="tags" errors={errors.tags} hint="Comma separated">
            <TextInput name="tags" value={v.tags} onChange={set("tags")} errors={errors.tags} />
          </Field>
        </div>
      </Card>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pendingText="Saving…">{mode === "create" ? "Create template" : `Save as version ${currentVersion + 1}`}</SubmitButton>
        <ButtonLink href="/platform/templates" variant="secondary">
          Back to templates
        </ButtonLink>
        <FormMessage state={state} />
      </div>
    </ControlledForm>
  );
}
