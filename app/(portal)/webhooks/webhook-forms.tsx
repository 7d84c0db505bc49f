"use client";
import { useActionState } from "react";
import { createWebhookAction, deleteWebhookAction, redeliverAction } from "./actions";
import { Field, FieldError, FormMessage, Select, TextInput } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { ShownOnce } from "@/components/ui/shown-once";
import { ControlledForm } from "@/components/ui/controlled-form";

export function CreateWebhookForm({
  scopes,
  eventTypes,
}: {
  scopes: Array<{ value: string; label: string }>;
  eventTypes: Array<{ value: string; label: string }>;
}) {
  const [state, action] = useActionState(createWebhookAction, null);
  const errors = state?.ok === false ? state.errors : undefined;
  const secret = state?.ok ? (state.data?.secret as string | undefined) : undefined;
  return (
    // ControlledForm: React would reset the form after the action; a refused URL keeps what was typed and ticked.
    <ControlledForm action={action} className="grid gap-4 sm:grid-cols-2">
      <Field
        label="Endpoint URL"
        name="url"
        required
        errors={errors?.url}
        hint="http:// or https://, not the portal itself"
        className="sm:col-span-2"
      >
        <TextInput name="url" type="url" required maxLength={2000} placeholder="https://hooks.example.com/meshport" errors={errors?.url} />
      </Field>
      <Field label="Events from" name="scope" required errors={errors?.scope}>
        <Select name="scope" required errors={errors?.scope} defaultValue={scopes[0]?.value}>
          {scopes.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Description" name="description" errors={errors?.description} hint="Optional, e.g. “Slack relay”">
        <TextInput name="description" maxLength={200} errors={errors?.description} />
      </Field>
      <fieldset className="text-sm sm:col-span-2" aria-describedby="eventTypes-error">
        <legend className="mb-1 font-medium text-slate-800">Event types</legend>
        <div className="grid gap-1 sm:grid-cols-2">
          {eventTypes.map((t) => (
            <label key={t.value} className="flex items-start gap-2">
              <input type="checkbox" name="eventTypes" value={t.value} className="mt-0.5 size-4" />
              <span>
                {t.label} <span className="text-xs text-slate-500">({t.value})</span>
              </span>
            </label>
          ))}
        </div>
        <FieldError id="eventTypes-error" errors={errors?.eventTypes} />
      </fieldset>
      <div className="space-y-2 sm:col-span-2">
        <SubmitButton pendingText="Creating…">Create webhook</SubmitButton>
        <FormMessage state={state} />
        {secret && <ShownOnce id="new-secret" label="Signing secret (shown once)" value={secret} />}
      </div>
    </ControlledForm>
  );
}

export function DeleteWebhookForm({ id }: { id: string }) {
  const [state, action] = useActionState(deleteWebhookAction, null);
  return (
    <form action={action}>
      <input type="hidden" name="subscriptionId" value={id} />
      <SubmitButton variant="danger" pendingText="Deleting…">
        Delete webhook
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

export function RedeliverForm({ subscriptionId, deliveryId }: { subscriptionId: string; deliveryId: string }) {
  const [state, action] = useActionState(redeliverAction, null);
  return (
    <form action={action}>
      <input type="hidden" name="subscriptionId" value={subscriptionId} />
      <input type="hidden" name="deliveryId" value={deliveryId} />
      <SubmitButton variant="secondary" pendingText="Queuing…">
        Redeliver
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
