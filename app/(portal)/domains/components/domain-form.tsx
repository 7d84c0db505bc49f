"use client";
// Create / edit form for a domain. Inputs are controlled so a server answer with field errors keeps
// what was typed; the shared zod schema catches obvious mistakes before the round trip.
import { useActionState, useState, type FormEvent } from "react";
import { domainSchema } from "@/lib/domains/schema";
import type { ActionState } from "@/lib/errors";
import { fieldErrors } from "@/lib/validation/field-errors";
import { Field, FormMessage, Select, TextArea, TextInput } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ControlledForm } from "@/components/ui/controlled-form";

export type DomainFormValues = {
  slug: string;
  name: string;
  description: string;
  ownerTeam: string;
  status: "onboarded" | "not_onboarded";
};

type Props = {
  mode: "create" | "edit";
  action: (prev: ActionState | null, formData: FormData) => Promise<ActionState>;
  initial: DomainFormValues;
  cancelHref: string;
};

export function DomainForm({ mode, action, initial, cancelHref }: Props) {
  const [state, formAction] = useActionState(action, null);
  const [v, setV] = useState<DomainFormValues>(initial);
  const [localErrors, setLocalErrors] = useState<Record<string, string[]> | null>(null);
  const errors = localErrors ?? state?.errors ?? {};
  const set = (k: keyof DomainFormValues) => (e: { target: { value: string } }) => setV((prev) => ({ ...prev, [k]: e.target.value }));

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    const schema = mode === "create" ? domainSchema : domainSchema.omit({ slug: true });
    const r = schema.safeParse({ ...v, ownerTeam: v.ownerTeam.trim() });
    if (r.success) {
      setLocalErrors(null);
      return;
    }
    e.preventDefault();
    setLocalErrors(fieldErrors(r.error, { depth: 1 }));
  }

  return (
    <ControlledForm action={formAction} onSubmit={onSubmit} className="space-y-6" noValidate>
      {mode === "edit" && <input type="hidden" name="slug" value={v.slug} />}
      <Card>
        <div className="grid gap-4 md:grid-cols-2">
          {mode === "create" && (
            <Field
              label="Slug"
              name="slug"
              errors={errors.slug}
              hint="Used in URLs, e.g. sales or customer-success. Cannot be changed later."
            >
              <TextInput name="slug" value={v.slug} onChange={set("slug")} errors={errors.slug} autoComplete="off" required />
            </Field>
          )}
          <Field label="Name" name="name" errors={errors.name}>
            <TextInput name="name" value={v.name} onChange={set("name")} errors={errors.name} required />
          </Field>
          <Field label="Owner team" name="ownerTeam" errors={errors.ownerTeam} hint="The team's email, e.g. sales-team@company.com">
            <TextInput name="ownerTeam" type="email" value={v.ownerTeam} onChange={set("ownerTeam")} errors={errors.ownerTeam} required />
          </Field>
          <Field label="Status" name="status" errors={errors.status}>
            <Select name="status" value={v.status} onChange={set("status")} errors={errors.status}>
              <option value="onboarded">Onboarded</option>
              <option value="not_onboarded">Not onboarded</option>
            </Select>
          </Field>
          <Field label="Description" name="description" errors={errors.description} className="md:col-span-2">
            <TextArea name="description" rows={4} value={v.description} onChange={set("description")} errors={errors.description} />
          </Field>
        </div>
      </Card>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pendingText="Saving…">{mode === "create" ? "Create domain" : "Save changes"}</SubmitButton>
        <ButtonLink href={cancelHref} variant="secondary">
          Cancel
        </ButtonLink>
        <FormMessage state={localErrors ? { ok: false, message: "Please fix the highlighted fields." } : state} />
      </div>
    </ControlledForm>
  );
}
