"use client";
// Create / edit a processing template: its key (etl, streaming or ml, optionally with a suffix) and its
// configuration keys with their defaults, as YAML.
import { useActionState, useState } from "react";
import { Card } from "@/components/ui/card";
import { ButtonLink } from "@/components/ui/button";
import { Field, FormMessage, TextArea, TextInput } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/errors";

export type ProcessingFormValues = { key: string; name: string; description: string; config: string };

export function ProcessingForm({
  mode,
  action,
  initial,
  version,
}: {
  mode: "create" | "edit";
  action: (p: ActionState | null, f: FormData) => Promise<ActionState>;
  initial: ProcessingFormValues;
  version: number;
}) {
  const [state, formAction] = useActionState(action, null);
  const [v, setV] = useState(initial);
  const errors = state?.errors ?? {};
  const currentVersion = typeof state?.data?.version === "number" ? state.data.version : version;
  const set = (k: keyof ProcessingFormValues) => (e: { target: { value: string } }) => setV((p) => ({ ...p, [k]: e.target.value }));
  return (
    <form action={formAction} className="space-y-6" noValidate>
      <input type="hidden" name="version" value={currentVersion} />
      {mode === "edit" && <input type="hidden" name="key" value={v.key} />}
      <Card>
        <div className="grid gap-4 md:grid-cols-2">
          {mode === "create" && (
            <Field label="Key" name="key" errors={errors.key} hint="etl, streaming or ml, optionally followed by -suffix (e.g. etl-hourly)">
              <TextInput name="key" value={v.key} onChange={set("key")} errors={errors.key} autoComplete="off" required />
            </Field>
          )}
          <Field label="Name" name="name" errors={errors.name}>
            <TextInput name="name" value={v.name} onChange={set("name")} errors={errors.name} required />
          </Field>
          <Field label="Description" name="description" errors={errors.description} className="md:col-span-2">
            <TextArea name="description" rows={2} value={v.description} onChange={set("description")} errors={errors.description} />
          </Field>
          <Field
            label="Configuration (YAML)"
            name="config"
            errors={errors.config}
            className="md:col-span-2"
            hint="etl needs extract, transform, load, schedule; streaming needs source, processing, sink, checkpointing; ml needs feature_engineering, model_training, model_serving, monitoring."
          >
            <TextArea
              name="config"
              rows={14}
              className="font-mono text-xs"
              value={v.config}
              onChange={set("config")}
              errors={errors.config}
              spellCheck={false}
            />
          </Field>
        </div>
      </Card>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pendingText="Saving…">
          {mode === "create" ? "Create processing template" : `Save as version ${currentVersion + 1}`}
        </SubmitButton>
        <ButtonLink href="/platform/processing" variant="secondary">
          Back
        </ButtonLink>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
