"use client";
// Paste or upload a contract or product document; Preview lists what will be created and what was adapted or
// defaulted, and asks for a domain and owner when the document names none; Import saves it. Problems are
// listed with their path and line. Several files chosen at once go through the batch route (BatchImport).
import { useActionState, useState } from "react";
import { importProductAction } from "./actions";
import { BatchImport } from "./batch-import";
import { Field, FormMessage, Select, TextArea, TextInput } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { IMPORT_TOO_LARGE, IMPORT_TOO_LARGE_FIELD, MAX_IMPORT_BYTES, documentBytes } from "@/lib/products/import-limits";
import type { ActionState } from "@/lib/errors";
import type { ImportPreview } from "@/lib/products/import-product";
import type { DomainOption, OwnerOption } from "@/lib/domains/service";

type Props = { domains: DomainOption[]; owners: Record<string, OwnerOption[]> };

const NOTE_LABELS = { adapted: "Adapted", defaulted: "Defaulted", "portal-only": "Portal only" } as const;

function PreviewPanel({ preview }: { preview: ImportPreview }) {
  return (
    <section
      aria-label="Import preview"
      data-testid="import-preview"
      className="space-y-3 rounded-md border border-slate-200 bg-slate-50 p-4 text-sm"
    >
      <p className="font-medium">
        {preview.action === "version" ? "A new version of " : "A new draft product "}
        <strong>{preview.name}</strong>
        {preview.domain ? ` in ${preview.domain}` : ""}, version {preview.version}
        {preview.owner ? `, owned by ${preview.owner}` : ""} ({preview.format.toUpperCase()}
        {preview.contractId ? `, contract ${preview.contractId}` : ""}).
      </p>
      {preview.missing.length > 0 && (
        <p role="status" className="text-amber-800">
          Choose {preview.missing.join(" and ")} above: the document names {preview.missing.length === 1 ? "no" : "neither"}{" "}
          {preview.missing.join(" nor ")} the portal can use
          {preview.declaredOwner ? ` (its team names ${preview.declaredOwner})` : ""}.
        </p>
      )}
      <div>
        <h3 className="font-medium">Datasets ({preview.datasets.length})</h3>
        {preview.datasets.length === 0 ? (
          <p className="text-slate-600">None declared.</p>
        ) : (
          <ul className="list-disc pl-5" data-testid="preview-datasets">
            {preview.datasets.map((d, i) => (
              <li key={`${d.name}-${i}`}>
                <code>{d.name}</code>
                {d.physicalType ? ` (${d.physicalType})` : ""}: {d.properties} properties
              </li>
            ))}
          </ul>
        )}
      </div>
      {preview.notes.length > 0 && (
        <div>
          <h3 className="font-medium">Adapted or defaulted ({preview.notes.length})</h3>
          <ul className="list-disc pl-5" data-testid="preview-notes">
            {preview.notes.map((n, i) => (
              <li key={i}>
                <span className="font-medium">{NOTE_LABELS[n.kind]}</span> {n.path ? <code>{n.path}</code> : null}: {n.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

export function ImportForm({ domains, owners }: Props) {
  const [state, action] = useActionState(importProductAction, null);
  const [text, setText] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
  const [domain, setDomain] = useState("");
  const [owner, setOwner] = useState("");
  const [batch, setBatch] = useState<File[] | null>(null);
  // Refused here, before sending: Next.js answers a server-action body over its limit with a bare error.
  const [refused, setRefused] = useState<ActionState | null>(null);
  const shown = refused ?? state;
  const preview = (state?.ok ? (state.data?.preview as ImportPreview | undefined) : undefined) ?? null;
  const problems = Object.entries(shown?.errors ?? {}).filter(([path, msgs]) => msgs.length > 0 && path !== "domain" && path !== "owner");
  const tooLarge: ActionState = { ok: false, message: IMPORT_TOO_LARGE, errors: { document: [IMPORT_TOO_LARGE_FIELD] } };
  const ownerOptions = domain ? (owners[domain] ?? []) : [];

  async function onFiles(files: FileList | null) {
    if (files && files.length > 1) {
      setBatch([...files]);
      setFileName(null);
      return;
    }
    setBatch(null);
    const file = files?.[0];
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
        <Field
          label="Upload files"
          name="file"
          hint={
            fileName ? `Loaded ${fileName}` : batch ? `${batch.length} files chosen` : ".yaml, .yml or .json; several at once for a batch"
          }
        >
          <input
            id="file"
            type="file"
            multiple
            accept=".yaml,.yml,.json,text/yaml,application/json"
            onChange={(e) => void onFiles(e.target.files)}
            className="block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-brand-50 file:px-3 file:py-2 file:text-brand-700"
          />
        </Field>
        <Field label="Format" name="format" hint={batch ? "Several files: each one's format is detected" : undefined}>
          <Select name="format" defaultValue="auto" disabled={batch !== null}>
            <option value="auto">Detect from apiVersion / kind</option>
            <option value="odcs">Open Data Contract Standard v3.0.x / v3.1</option>
            <option value="odps">Open Data Product Standard v1.0</option>
            <option value="yaml">DataProduct YAML (apiVersion v1)</option>
          </Select>
        </Field>
      </div>
      {!batch && (
        <Field label="Document" name="document" errors={shown?.errors?.document}>
          <TextArea
            name="document"
            rows={18}
            value={text}
            onChange={(e) => (setText(e.target.value), setRefused(null))}
            className="font-mono text-xs"
            placeholder={"apiVersion: v3.1.0\nkind: DataContract\nid: …\nschema:\n  - name: orders\n    properties: …"}
            spellCheck={false}
          />
        </Field>
      )}
      <div className="grid gap-4 md:grid-cols-2">
        <Field label="Domain" name="domain" errors={shown?.errors?.domain} hint="Used when the document names no domain of this portal">
          {/* The selects carry no name: React resets a form after its action, which puts a controlled select back
              on its first option; a hidden input keeps the chosen value (React syncs its default value). */}
          <input type="hidden" name="domain" value={domain} />
          <Select
            id="domain"
            name="domainPicker"
            value={domain}
            onChange={(e) => (setDomain(e.target.value), setOwner(""))}
            errors={shown?.errors?.domain}
          >
            <option value="">From the document</option>
            {domains.map((d) => (
              <option key={d.slug} value={d.slug}>
                {d.name} ({d.slug})
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Owner" name="owner" errors={shown?.errors?.owner} hint="The domain's team or one of its members">
          <input type="hidden" name="owner" value={owner} />
          <Select
            id="owner"
            name="ownerPicker"
            value={owner}
            onChange={(e) => setOwner(e.target.value)}
            errors={shown?.errors?.owner}
            disabled={!domain}
          >
            <option value="">{domain ? "From the document" : "Choose a domain first"}</option>
            {ownerOptions.map((o) => (
              <option key={o.email} value={o.email}>
                {o.label}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {batch ? (
        <BatchImport files={batch} domain={domain} owner={owner} onCancel={() => setBatch(null)} />
      ) : (
        <>
          <Field
            label="Change note (when the product exists, the import becomes a new version; required for a breaking version)"
            name="changeNote"
            errors={state?.errors?.changeNote}
          >
            <TextInput name="changeNote" placeholder="Imported from the CRM team's repository" errors={state?.errors?.changeNote} />
          </Field>
          {preview && <PreviewPanel preview={preview} />}
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
            <SubmitButton name="intent" value="preview" variant="secondary" pendingText="Reading…">
              Preview
            </SubmitButton>
            <SubmitButton name="intent" value="import" pendingText="Importing…">
              Import
            </SubmitButton>
            {problems.length === 0 && !preview && <FormMessage state={shown} />}
          </div>
        </>
      )}
    </form>
  );
}
