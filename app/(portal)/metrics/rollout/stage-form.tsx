"use client";
import { useActionState } from "react";
import { FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { setDomainStageAction } from "./actions";

export function StageForm({
  slug,
  name,
  stage,
  options,
}: {
  slug: string;
  name: string;
  stage: string;
  options: Array<{ value: string; label: string }>;
}) {
  const [state, action] = useActionState(setDomainStageAction, null);
  const id = `stage-${slug}`;
  return (
    <form action={action} className="no-print flex flex-wrap items-center gap-2">
      <input type="hidden" name="slug" value={slug} />
      <label htmlFor={id} className="sr-only">
        Rollout stage of {name}
      </label>
      <select
        id={id}
        name="stage"
        defaultValue={stage}
        aria-describedby={`${id}-msg`}
        className="rounded-md border-0 px-2 py-1 text-sm ring-1 ring-inset ring-slate-300"
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <SubmitButton variant="secondary" pendingText="Saving…">
        Set stage
      </SubmitButton>
      <div id={`${id}-msg`} className="w-full">
        <FormMessage state={state} />
      </div>
    </form>
  );
}
