"use client";
// The policy as YAML in the seed's format: edit in place, upload a file, download the saved version
// or the draft. Validated on the server like the structured form; each error names its path and line
// (click one to jump to it). Shares the note → preview → save flow of the structured editors.
import { useActionState, useRef, useState, type ChangeEvent } from "react";
import type { ActionState } from "@/lib/errors";
import type { PolicyConflict } from "@/lib/governance/policies/update-policy.db";
import { domainPolicyDocument, serializeDomainPolicyYaml, serializeGlobalPolicyYaml } from "@/lib/governance/policies/yaml";
import type { DomainPolicy, GlobalPolicy } from "@/lib/governance/policies/types";
import { inputClass } from "@/components/ui/field";
import { SaveBar } from "./save-bar";
import { ControlledForm } from "@/components/ui/controlled-form";
import { fingerprintOf } from "./format";

type Props = {
  action: (prev: ActionState | null, formData: FormData) => Promise<ActionState>;
  initialYaml: string;
  version: number;
  kind: "global" | "domain";
  /** metadata.name of the document, used when reloading another person's version */
  documentName: string;
  fileName: string;
  exportHref: string | null;
  hidden?: Record<string, string>;
  disabled?: boolean;
};

/** "spec.x (line 12): ..." → 12 */
const lineOf = (message: string) => Number(/\(line (\d+)\)/.exec(message)?.[1] ?? Number.NaN);

export function YamlEditor({ action, initialYaml, version, kind, documentName, fileName, exportHref, hidden = {}, disabled }: Props) {
  const [state, formAction] = useActionState(action, null);
  const [text, setText] = useState(initialYaml);
  const [note, setNote] = useState("");
  const [expectedVersion, setExpectedVersion] = useState(version);
  const [seenVersion, setSeenVersion] = useState(version);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  // A save (ours, or a reload after a conflict) brings a new version from the server: edit on top of it.
  if (version !== seenVersion) {
    setSeenVersion(version);
    setExpectedVersion(version);
    setText(initialYaml);
    setNote("");
  }
  const errors = state?.errors?.yaml ?? [];

  const jumpTo = (line: number) => {
    const el = area.current;
    if (!el || !Number.isFinite(line)) return;
    const lines = text.split("\n");
    const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
    el.focus();
    el.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
  };

  const upload = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = "";
    if (!file) return;
    if (file.size > 512 * 1024) return setUploadError("That file is larger than 512 KB; a policy document is a few KB.");
    setUploadError(null);
    setText(await file.text());
  };

  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: "application/yaml" }));
    const a = Object.assign(document.createElement("a"), { href: url, download: fileName.replace(/\.yaml$/, "-draft.yaml") });
    a.click();
    URL.revokeObjectURL(url);
  };

  const reload = (conflict: PolicyConflict) => {
    if (conflict.current) {
      setText(
        kind === "global"
          ? serializeGlobalPolicyYaml({
              apiVersion: "v1",
              kind: "DataGovernancePolicy",
              metadata: { name: documentName },
              spec: conflict.current as GlobalPolicy,
            })
          : serializeDomainPolicyYaml(domainPolicyDocument(conflict.current as DomainPolicy, documentName)),
      );
    }
    setExpectedVersion(conflict.currentVersion);
  };

  return (
    <ControlledForm action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="format" value="yaml" />
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <fieldset disabled={disabled} className="space-y-3">
        <div className="flex flex-wrap items-center gap-2">
          <label className="inline-flex cursor-pointer items-center rounded-md bg-white px-3 py-2 text-sm font-medium text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50">
            Upload .yaml
            <input type="file" accept=".yaml,.yml,application/yaml,text/yaml" onChange={upload} className="sr-only" />
          </label>
          <button
            type="button"
            onClick={download}
            className="rounded-md bg-white px-3 py-2 text-sm font-medium text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50"
          >
            Download draft
          </button>
          {/* A plain link: a file download, not a page to prefetch. */}
          {exportHref && (
            <a href={exportHref} download className="rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100">
              Download saved version
            </a>
          )}
        </div>
        {uploadError && (
          <p role="alert" className="text-sm text-red-700">
            {uploadError}
          </p>
        )}
        <label htmlFor={`yaml-${kind}`} className="block text-sm font-medium text-slate-800">
          Policy document (YAML)
        </label>
        <textarea
          id={`yaml-${kind}`}
          ref={area}
          name="yaml"
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={Math.min(40, Math.max(16, text.split("\n").length + 1))}
          spellCheck={false}
          aria-invalid={errors.length > 0 || undefined}
          aria-describedby="yaml-errors"
          className={`${inputClass} font-mono text-xs leading-5`}
        />
        <div id="yaml-errors" aria-live="polite">
          {errors.length > 0 && (
            <ul className="space-y-1 rounded-md bg-red-50 p-3 text-sm text-red-800" data-testid="yaml-errors">
              {errors.map((e) => (
                <li key={e}>
                  {Number.isFinite(lineOf(e)) ? (
                    <button type="button" className="text-left underline decoration-dotted" onClick={() => jumpTo(lineOf(e))}>
                      {e}
                    </button>
                  ) : (
                    e
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      </fieldset>
      {!disabled && (
        <SaveBar
          idPrefix="yaml-"
          state={state}
          fingerprint={fingerprintOf(`${expectedVersion}:${text}`)}
          expectedVersion={expectedVersion}
          note={note}
          onNote={setNote}
          onKeepMine={setExpectedVersion}
          onReload={reload}
        />
      )}
    </ControlledForm>
  );
}
