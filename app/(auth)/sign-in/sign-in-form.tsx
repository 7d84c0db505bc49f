"use client";
import { useActionState, useState } from "react";
import { signInAction } from "./actions";
import { Field, FormMessage, TextInput } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const [state, action] = useActionState(signInAction, null);
  // Controlled, so a failed attempt keeps the email (React resets uncontrolled fields after an action).
  const [email, setEmail] = useState("");
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? "/"} />
      <Field label="Email" name="email" errors={state?.errors?.email}>
        <TextInput
          name="email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          errors={state?.errors?.email}
        />
      </Field>
      <Field label="Password" name="password" errors={state?.errors?.password}>
        <TextInput name="password" type="password" autoComplete="current-password" required errors={state?.errors?.password} />
      </Field>
      <FormMessage state={state} />
      <SubmitButton pendingText="Signing in…">Sign in</SubmitButton>
    </form>
  );
}

export function DemoSignInButton({
  email,
  password,
  label,
  blurb,
  callbackUrl,
}: {
  email: string;
  password: string;
  label: string;
  blurb: string;
  callbackUrl?: string;
}) {
  const [state, action] = useActionState(signInAction, null);
  return (
    <form action={action}>
      <input type="hidden" name="email" value={email} />
      <input type="hidden" name="password" value={password} />
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? "/"} />
      <button
        type="submit"
        className="w-full rounded-md bg-white px-3 py-2 text-left text-sm ring-1 ring-slate-200 hover:bg-brand-50 hover:ring-brand-500"
      >
        <span className="block font-medium text-slate-900">Sign in as {label}</span>
        <span className="block text-xs text-slate-500">{blurb}</span>
        {state?.message && <span className="block text-xs text-red-600">{state.message}</span>}
      </button>
    </form>
  );
}
