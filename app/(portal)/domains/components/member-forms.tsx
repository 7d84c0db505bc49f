"use client";
// Admin controls for a domain's members: add (email + role) and remove.
import { useActionState, useState } from "react";
import { addMemberAction, removeMemberAction } from "../actions";
import { Field, FormMessage, Select, TextInput } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/errors";
import { ControlledForm } from "@/components/ui/controlled-form";

export function AddMemberForm({ slug }: { slug: string }) {
  const [state, formAction] = useActionState(addMemberAction, null);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState("viewer");
  // Clear the email once the server confirms the member was added (state changes once per answer).
  const [seen, setSeen] = useState<ActionState | null>(state);
  if (state !== seen) {
    setSeen(state);
    if (state?.ok) setEmail("");
  }
  const errors = state?.errors ?? {};
  return (
    <ControlledForm action={formAction} className="mt-4 space-y-3 border-t border-slate-200 pt-4" noValidate>
      <h3 className="text-sm font-semibold text-slate-900">Add a member</h3>
      <input type="hidden" name="slug" value={slug} />
      <div className="grid gap-3 sm:grid-cols-[1fr_10rem_auto] sm:items-start">
        <Field label="Email" name="email" errors={errors.email}>
          <TextInput
            name="email"
            type="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            errors={errors.email}
            placeholder="name@company.com"
            autoComplete="off"
          />
        </Field>
        <Field label="Role" name="role" errors={errors.role}>
          <Select name="role" value={role} onChange={(e) => setRole(e.target.value)} errors={errors.role}>
            <option value="owner">Owner</option>
            <option value="producer">Producer</option>
            <option value="viewer">Viewer</option>
          </Select>
        </Field>
        <div className="sm:pt-6">
          <SubmitButton pendingText="Adding…">Add member</SubmitButton>
        </div>
      </div>
      <FormMessage state={state} />
    </ControlledForm>
  );
}

export function RemoveMemberButton({ slug, userId, name }: { slug: string; userId: string; name: string }) {
  const [state, formAction] = useActionState(removeMemberAction, null);
  return (
    <form action={formAction} className="flex flex-col items-end gap-1">
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="userId" value={userId} />
      <button
        type="submit"
        aria-label={`Remove ${name}`}
        className="rounded-md px-2 py-1 text-sm text-red-700 ring-1 ring-red-200 hover:bg-red-50"
      >
        Remove
      </button>
      {state && !state.ok && (
        <p role="alert" className="text-xs text-red-600">
          {state.message}
        </p>
      )}
    </form>
  );
}
