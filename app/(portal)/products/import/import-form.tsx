"use client";
// Paste or upload a DataProduct YAML or ODCS contract; problems are listed with their path and line.
import { useActionState, useState } from "react";
import { importProductAction } from "./actions";
import { Field, FormMessage, Select, TextArea, TextInput } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { IMPORT_TOO_LARGE, IMPORT_TOO_LARGE_FIELD, MAX_IMPORT_BYTES, documentBytes } from "@/lib/products/import-limits";
import type { ActionState } from "@/lib/errors";

export function ImportForm() {
  const [state, action] = useActionState(importProductAction, null);
  const [text, setText] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
  // Refused here, before sending: Next.js answers a server-action body over its limit with a bare error.
  const [refused, setRefused] = useState<ActionState | null>(null);
  const shown = refused ?? state;
  const problems = Object.entries(shown?.errors ?? {}).filter(([, msgs]) => msgs.length > 0);
  const tooLarge: ActionState = { ok: false, message: IMPORT_TOO_LARGE, errors: { document: [IMPORT_TOO_LARGE_FIELD] } };

  async function onFile(file: File | undefined) {
    if (!file) return;
    setFileName(file.name);
    if (file.size > MAX_IMPORT_BYTES) {
      setText("");
      setRefused(tooLarge);
      return;
    }
    setRefused(null);
    setText(await file.text());
  }

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    if (documentBytes(text) <= MAX_IMPORT_BYTES) return setRefused(null);
    e.preventDefault();
    setRefused(tooLarge);
  }

  return (
    <form action={action} onSubmit={onSubmit} className="space-y-4">
      <div className="grid gap-4 md:grid-cols-2">
        <Field label="Upload a file" name="file" hint={fileName ? `Loaded ${fileName}` : ".yaml, .yml or .json"}>
          <input
            id="file"
            type="file"
            accept=".yaml,.yml,.json,text/yaml,application/json"
            onChange={(e) => void onFile(e.target.files?.[0])}
            className="block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-brand-50 file:px-3 file:py-2 file:text-brand-700"
          />
        </Field>
        <Field label="Format" name="format">
          <Select name="format" defaultValue="auto">
            <option value="auto">Detect from apiVersion / kind</option>
            <option value="yaml">DataProduct YAML (apiVersion v1)</option>
            <option value="odcs">Open Data Contract Standard v3.1</option>
          </Select>
        </Field>
      </div>
      <Field label="Document" name="document" errors={shown?.errors?.document}>
        <TextArea
          name="document"
          rows={18}
          value={text}
          onChange={(e) => (setText(e.target.value), setRefused(null))}
          className="font-mono text-xs"
          placeholder={
            "apiVersion: v1\nkind: DataProduct\nmetadata:\n  name: customer-data-product\n  namespace: sales-domain\nspec:\n  ..."
          }
          spellCheck={false}
        />
      </Field>
      <Field
        label="Change note (when the product exists, the import becomes a new version; required for a breaking version)"
        name="changeNote"
        errors={state?.errors?.changeNote}
      >
        <TextInput name="changeNote" placeholder="Imported from the CRM team's repository" errors={state?.errors?.changeNote} />
      </Field>
      {problems.length > 0 && (
        <div role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          <p className="font-medium">{shown?.message}</p>
          <ul className="mt-1 list-disc pl-5" data-testid="import-problems">
            {problems.map(([path, msgs]) =>
              msgs.map((m, i) => (
                <li key={`${path}-${i}`}>
                  <code>{path}</code>: {m}
                </li>
              )),
            )}
          </ul>
        </div>
      )}
      <div className="flex items-center gap-3">
        <SubmitButton pendingText="Importing…">Import</SubmitButton>
        {problems.length === 0 && <FormMessage state={shown} />}
      </div>
    </form>
  );
}
