"use client";
import { useActionState } from "react";
import { decideAccessAction, revokeAccessAction } from "../actions";
import { FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

export function DecideForm({ requestId, productHref }: { requestId: string; productHref: string }) {
  const [state, action] = useActionState(decideAccessAction, null);
  const noteId = `note-${requestId}`;
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="requestId" value={requestId} />
      <input type="hidden" name="productHref" value={productHref} />
      <label htmlFor={noteId} className="sr-only">Note to the requester</label>
      <input id={noteId} name="note" maxLength={1000} placeholder="Note (optional)" className="block w-full rounded-md border-0 px-2 py-1 text-sm ring-1 ring-inset ring-slate-300" />
      <div className="flex gap-2">
        <SubmitButton name="decision" value="approve" pendingText="Saving…">Approve</SubmitButton>
        <SubmitButton name="decision" value="deny" variant="danger" pendingText="Saving…">Deny</SubmitButton>
      </div>
      <FormMessage state={state} />
    </form>
  );
}

export function RevokeForm({ requestId, productHref }: { requestId: string; productHref: string }) {
  const [state, action] = useActionState(revokeAccessAction, null);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="requestId" value={requestId} />
      <input type="hidden" name="productHref" value={productHref} />
      <SubmitButton variant="secondary" pendingText="Revoking…">Revoke</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
