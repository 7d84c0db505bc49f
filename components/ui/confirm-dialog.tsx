"use client";
// Confirmation for what cannot be undone: a native modal <dialog> (the browser keeps focus inside it and
// Escape closes it) that says what will happen and asks for a reason. Confirm stays disabled until a reason
// is typed; the server checks the reason again for every entry point, and its field errors show here.
import { useActionState, useEffect, useId, useRef, useState, type ReactNode } from "react";
import type { ActionState } from "@/lib/errors";
import { Button } from "@/components/ui/button";
import { Field, FormMessage, TextArea } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { ControlledForm } from "@/components/ui/controlled-form";

type Props = {
  action: (prev: ActionState | null, formData: FormData) => Promise<ActionState>;
  /** The button that opens the dialog (and names the move). */
  triggerLabel: string;
  title: string;
  /** What will happen, in a sentence or two, e.g. "Retiring sales/orders …; this cannot be undone." */
  consequence: ReactNode;
  confirmLabel: string;
  pendingLabel?: string;
  hidden: Record<string, string>;
  /** Form field of the reason (the service's field error key). */
  reasonName?: string;
  reasonLabel?: string;
  /** Further fields (e.g. a sunset date), given the server's field errors. */
  extra?: (errors: Record<string, string[]>) => ReactNode;
  /** The form names of those fields, whose errors they show themselves. */
  extraNames?: string[];
};

export function ConfirmDialog({
  action,
  triggerLabel,
  title,
  consequence,
  confirmLabel,
  pendingLabel = "Working…",
  hidden,
  reasonName = "reason",
  reasonLabel = "Reason",
  extra,
  extraNames = [],
}: Props) {
  const [state, formAction] = useActionState(action, null);
  const [reason, setReason] = useState("");
  const dialog = useRef<HTMLDialogElement>(null);
  const reasonField = useRef<HTMLTextAreaElement>(null);
  const id = useId();
  const errors = state?.errors ?? {};
  // A refusal shown next to its field is not repeated underneath (screen readers would hear it twice).
  const shownAtField = [reasonName, ...extraNames].some((k) => errors[k]?.length);

  // Done: close, and leave the outcome next to the trigger.
  useEffect(() => {
    if (state?.ok) dialog.current?.close();
  }, [state]);

  const open = () => {
    dialog.current?.showModal();
    reasonField.current?.focus();
  };
  const close = () => dialog.current?.close();

  return (
    <div>
      <Button id={`${id}-trigger`} type="button" variant="danger" onClick={open} aria-haspopup="dialog">
        {triggerLabel}
      </Button>
      {state?.ok && (
        <div className="mt-2">
          <FormMessage state={state} />
        </div>
      )}
      <dialog
        ref={dialog}
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-consequence`}
        onClose={() => document.getElementById(`${id}-trigger`)?.focus()}
        className="max-h-[90vh] w-full max-w-lg overflow-y-auto rounded-lg p-0 shadow-xl ring-1 ring-slate-200 backdrop:bg-slate-900/50"
      >
        {/* Kept through React's reset after the action: what was typed stays when the server refuses it. */}
        <ControlledForm action={formAction} className="space-y-4 p-5" noValidate>
          {Object.entries(hidden).map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={v} />
          ))}
          <h2 id={`${id}-title`} className="text-base font-semibold text-slate-900">
            {title}
          </h2>
          {/* A div: the consequence may hold lists (who the change reaches). */}
          <div id={`${id}-consequence`} className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {consequence}
          </div>
          <Field id={`${id}-reason`} name={reasonName} label={reasonLabel} required errors={errors[reasonName]}>
            <TextArea
              ref={reasonField}
              id={`${id}-reason`}
              name={reasonName}
              rows={3}
              required
              maxLength={1000}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              placeholder="Kept in the product's history and the audit log"
              errors={errors[reasonName]}
            />
          </Field>
          {extra?.(errors)}
          {!state?.ok && !shownAtField && <FormMessage state={state} />}
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={close}>
              Cancel
            </Button>
            <SubmitButton variant="danger" disabled={reason.trim() === ""} pendingText={pendingLabel}>
              {confirmLabel}
            </SubmitButton>
          </div>
        </ControlledForm>
      </dialog>
    </div>
  );
}
