"use client";
// The DataPlatform YAML editor: validated on the server, saved as the next version (optimistic
// concurrency: the version the editor loaded must still be current).
import { useActionState, useState } from "react";
import { Field, FormMessage, TextArea } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/errors";

export function ConfigForm({
  action,
  yaml,
  version,
}: {
  action: (p: ActionState | null, f: FormData) => Promise<ActionState>;
  yaml: string;
  version: number;
}) {
  const [state, formAction] = useActionState(action, null);
  const [text, setText] = useState(yaml);
  const current = typeof state?.data?.version === "number" ? state.data.version : version;
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <input type="hidden" name="version" value={current} />
      <Field label="DataPlatform document" name="yaml" errors={state?.errors?.yaml}>
        <TextArea
          name="yaml"
          rows={28}
          className="font-mono text-xs"
          value={text}
          onChange={(e) => setText(e.target.value)}
          errors={state?.errors?.yaml}
          spellCheck={false}
        />
      </Field>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pendingText="Saving…">Save as version {current + 1}</SubmitButton>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
