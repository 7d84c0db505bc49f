"use client";
// A one-button form for a server action (validate now, acknowledge warnings): hidden inputs carry the
// target, the action's answer shows below the button. Works before JavaScript loads.
import { useActionState, type ReactNode } from "react";
import { FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/errors";

type Props = {
  action: (prev: ActionState | null, formData: FormData) => Promise<ActionState>;
  fields: Record<string, string>;
  label: ReactNode;
  pendingText: string;
  variant?: "primary" | "secondary";
  children?: ReactNode;
  testId?: string;
};

export function ActionForm({ action, fields, label, pendingText, variant = "primary", children, testId }: Props) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-2" data-testid={testId}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      <SubmitButton variant={variant} pendingText={pendingText}>
        {label}
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
