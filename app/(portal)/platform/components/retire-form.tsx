"use client";
// Retire / reinstate button for a template (product or processing).
import { useActionState } from "react";
import { FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/errors";

export function RetireForm({
  action,
  templateKey,
  retired,
}: {
  action: (p: ActionState | null, f: FormData) => Promise<ActionState>;
  templateKey: string;
  retired: boolean;
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="key" value={templateKey} />
      <input type="hidden" name="retired" value={retired ? "false" : "true"} />
      <SubmitButton variant={retired ? "secondary" : "danger"} pendingText="Saving…">
        {retired ? "Reinstate" : "Retire"}
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
