"use client";
import { useActionState } from "react";
import { markAllReadAction, markReadAction } from "./actions";
import { FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

export function MarkReadForm({ id, title }: { id: string; title: string }) {
  const [state, action] = useActionState(markReadAction, null);
  return (
    <form action={action}>
      <input type="hidden" name="notificationId" value={id} />
      <SubmitButton variant="secondary" pendingText="Marking…">
        Mark read<span className="sr-only">: {title}</span>
      </SubmitButton>
      <FormMessage state={state?.ok ? null : state} />
    </form>
  );
}

export function MarkAllReadForm() {
  const [state, action] = useActionState(markAllReadAction, null);
  return (
    <form action={action} className="flex items-center gap-2">
      <SubmitButton variant="secondary" pendingText="Marking…">
        Mark all read
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
