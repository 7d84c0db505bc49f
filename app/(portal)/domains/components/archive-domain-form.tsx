"use client";
// Archiving takes two clicks: the first opens the confirmation, the second (which carries
// confirm=archive, checked by the server) archives.
import { useActionState } from "react";
import { archiveDomainAction } from "../actions";
import { FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

export function ArchiveDomainForm({ slug, name }: { slug: string; name: string }) {
  const [state, formAction] = useActionState(archiveDomainAction, null);
  return (
    <details className="group relative">
      <summary className="inline-flex cursor-pointer list-none items-center rounded-md px-3 py-2 text-sm font-medium text-red-700 ring-1 ring-red-200 hover:bg-red-50 [&::-webkit-details-marker]:hidden">
        Archive…
      </summary>
      <form
        action={formAction}
        className="mt-2 w-72 max-w-[calc(100vw-2rem)] space-y-3 rounded-lg bg-white p-4 text-sm shadow-lg ring-1 ring-slate-200 sm:absolute sm:right-0 sm:z-10"
      >
        <input type="hidden" name="slug" value={slug} />
        <p className="text-slate-700">
          Archive <strong>{name}</strong>? It disappears from the domain list and can no longer be edited. Its products stay in the catalog.
        </p>
        <SubmitButton variant="danger" name="confirm" value="archive" pendingText="Archiving…">
          Yes, archive domain
        </SubmitButton>
        <FormMessage state={state} />
      </form>
    </details>
  );
}
