"use client";
import { useActionState } from "react";
import { decideAccessAction, revokeAccessAction } from "../actions";
import { FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

export function DecideForm({ requestId, productHref, denyOnly = false }: { requestId: string; productHref: string; denyOnly?: boolean }) {
  const [state, action] = useActionState(decideAccessAction, null);
  const noteId = `note-${requestId}`;
  const daysId = `days-${requestId}`;
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="requestId" value={requestId} />
      <input type="hidden" name="productHref" value={productHref} />
      <label htmlFor={noteId} className="sr-only">
        Note to the requester
      </label>
      <input
        id={noteId}
        name="note"
        maxLength={1000}
        placeholder="Note (optional)"
        className="block w-full rounded-md border-0 px-2 py-1 text-sm ring-1 ring-inset ring-slate-300"
      />
      {!denyOnly && (
        <>
          <label htmlFor={daysId} className="sr-only">
            Days of access
          </label>
          <input
            id={daysId}
            name="days"
            type="number"
            min={1}
            inputMode="numeric"
            placeholder="Days (policy maximum)"
            aria-describedby={`${daysId}-error`}
            className="block w-full rounded-md border-0 px-2 py-1 text-sm ring-1 ring-inset ring-slate-300"
          />
          <p id={`${daysId}-error`} aria-live="polite" className="text-xs text-red-700">
            {state?.errors?.days?.[0]}
          </p>
        </>
      )}
      <div className="flex gap-2">
        {!denyOnly && (
          <SubmitButton name="decision" value="approve" pendingText="Saving…">
            Approve
          </SubmitButton>
        )}
        <SubmitButton name="decision" value="deny" variant="danger" pendingText="Saving…">
          Deny
        </SubmitButton>
      </div>
      <FormMessage state={state} />
    </form>
  );
}

// Revoking cuts the consumer off at once; they would have to ask again. Confirmed with a reason.
export function RevokeForm({
  requestId,
  productHref,
  product,
  requester,
}: {
  requestId: string;
  productHref: string;
  product: string;
  requester: string;
}) {
  return (
    <ConfirmDialog
      action={revokeAccessAction}
      hidden={{ requestId, productHref }}
      triggerLabel="Revoke…"
      title={`Revoke ${requester}'s access to ${product}?`}
      consequence={`${requester} loses read access to ${product} at once and must request it again. This cannot be undone.`}
      confirmLabel="Revoke access"
      pendingLabel="Revoking…"
      reasonName="note"
      reasonLabel="Reason (the requester sees it)"
    />
  );
}
