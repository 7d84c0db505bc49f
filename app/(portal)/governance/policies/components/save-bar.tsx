"use client";
// The end of every policy editor: a required change note, "Preview impact" (products the change would
// make non-compliant), then "Save". Save unlocks only once the current draft has been previewed. Also
// shows the outcome: a saved version, field errors, or a conflict with someone else's save.
import { useState } from "react";
import Link from "next/link";
import { useFormStatus } from "react-dom";
import type { ActionState } from "@/lib/errors";
import type { ImpactResult } from "@/lib/governance/impact/compute-impact";
import type { PolicyConflict } from "@/lib/governance/policies/update-policy.db";
import { productPath } from "@/lib/products/dto";
import { Button } from "@/components/ui/button";
import { FieldError, FormMessage, inputClass } from "@/components/ui/field";
import { LifecycleBadge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import { cn } from "@/lib/cn";
import { formatUtc } from "@/lib/format";
import { RevalidationProgress } from "@/components/governance/revalidation-progress";
import { ChangeTable } from "./change-table";

export type PolicyActionData = {
  impact?: ImpactResult;
  fingerprint?: string;
  conflict?: PolicyConflict;
  savedVersion?: number;
  /** The re-validation run the save queued. */
  revalidationRunId?: string;
  revalidationTotal?: number;
};

export function actionData(state: ActionState | null): PolicyActionData {
  return (state?.data ?? {}) as PolicyActionData;
}

function IntentButton({
  intent,
  disabled,
  children,
  variant,
}: {
  intent: "preview" | "save";
  disabled?: boolean;
  children: string;
  variant: "primary" | "secondary";
}) {
  const { pending, data } = useFormStatus();
  const mine = pending && data?.get("intent") === intent;
  return (
    <Button type="submit" name="intent" value={intent} variant={variant} disabled={pending || disabled} aria-busy={mine}>
      {mine ? (intent === "preview" ? "Checking products…" : "Saving…") : children}
    </Button>
  );
}

type SaveBarProps = {
  state: ActionState | null;
  fingerprint: string;
  expectedVersion: number;
  note: string;
  onNote: (note: string) => void;
  /** The user chose to keep their draft and save it over the other person's version. */
  onKeepMine: (version: number) => void;
  /** The user chose to drop their draft and load the other person's version. */
  onReload: (conflict: PolicyConflict) => void;
  idPrefix?: string;
};

export function SaveBar({ state, fingerprint, expectedVersion, note, onNote, onKeepMine, onReload, idPrefix = "" }: SaveBarProps) {
  const data = actionData(state);
  const previewed = data.impact !== undefined && data.fingerprint === fingerprint;
  const staleImpact = data.impact !== undefined && data.fingerprint !== fingerprint;
  const [handled, setHandled] = useState<PolicyConflict | null>(null);
  const conflict = data.conflict && data.conflict !== handled ? data.conflict : null;
  const noteId = `${idPrefix}note`;
  return (
    <div className="space-y-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-5">
      <input type="hidden" name="fingerprint" value={fingerprint} />
      <input type="hidden" name="expectedVersion" value={expectedVersion} />
      <div>
        <label htmlFor={noteId} className="mb-1 block text-sm font-medium text-slate-800">
          Change note <span className="text-red-600">*</span>
        </label>
        <textarea
          id={noteId}
          name="note"
          rows={2}
          value={note}
          onChange={(e) => onNote(e.target.value)}
          placeholder="Why this change? e.g. Sales dashboards need data within 15 minutes"
          aria-invalid={state?.errors?.note ? true : undefined}
          aria-describedby={`${noteId}-error`}
          className={inputClass}
        />
        <FieldError id={`${noteId}-error`} errors={state?.errors?.note} />
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <IntentButton intent="preview" variant="secondary">
          Preview impact
        </IntentButton>
        <IntentButton intent="save" variant="primary" disabled={!previewed}>
          Save new version
        </IntentButton>
        {!previewed && <span className="text-xs text-slate-500">Preview the impact of this version before saving it.</span>}
      </div>
      <FormMessage state={state} />
      {data.revalidationRunId && (
        <RevalidationProgress key={data.revalidationRunId} runId={data.revalidationRunId} total={data.revalidationTotal} />
      )}
      {conflict && (
        <ConflictPanel
          conflict={conflict}
          onKeepMine={() => {
            setHandled(conflict);
            onKeepMine(conflict.currentVersion);
          }}
          onReload={() => {
            setHandled(conflict);
            onReload(conflict);
          }}
        />
      )}
      {staleImpact && <p className="text-sm text-amber-800">The policy changed since the last preview; preview again before saving.</p>}
      {previewed && data.impact && <ImpactPanel impact={data.impact} />}
      <p className="text-xs text-slate-500">
        Editing version {expectedVersion === 0 ? "— (new policy)" : expectedVersion}. Saving creates version {expectedVersion + 1}; every
        product it applies to is re-validated.
      </p>
    </div>
  );
}

const PAGE = 10;

export function ImpactPanel({ impact }: { impact: ImpactResult }) {
  const [page, setPage] = useState(1);
  const pages = Math.max(1, Math.ceil(impact.affected.length / PAGE));
  const rows = impact.affected.slice((page - 1) * PAGE, page * PAGE);
  return (
    <section aria-labelledby="impact-heading" data-testid="impact-preview">
      <h3 id="impact-heading" className="text-sm font-semibold text-slate-900">
        Impact preview
      </h3>
      <p className="mt-1 text-sm text-slate-700">
        Checked {impact.checked} product{impact.checked === 1 ? "" : "s"}.{" "}
        {impact.affectedCount === 0 ? (
          <strong className="text-emerald-700">No product would become non-compliant.</strong>
        ) : (
          <strong className="text-red-700">
            {impact.affectedCount} product{impact.affectedCount === 1 ? "" : "s"} would get new errors.
          </strong>
        )}
        {impact.improvedCount > 0 && <> {impact.improvedCount} would have fewer errors.</>}
      </p>
      {rows.length > 0 && (
        <div className="mt-3">
          <Table>
            <thead>
              <tr>
                <Th>Product</Th>
                <Th>Lifecycle</Th>
                <Th>New errors</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <tr key={r.id}>
                  <Td>
                    <Link href={productPath(r)} className="font-medium text-brand-700 hover:underline">
                      {r.domain}/{r.name}
                    </Link>
                  </Td>
                  <Td>
                    <LifecycleBadge value={r.lifecycle} />
                  </Td>
                  <Td className="min-w-64">
                    <ul className="space-y-1">
                      {r.newErrors.map((e) => (
                        <li key={`${e.ruleId}-${e.path}`} className="text-sm">
                          <span className="font-mono text-xs text-red-700">{e.ruleId}</span> {e.message}
                        </li>
                      ))}
                    </ul>
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          {pages > 1 && (
            <nav aria-label="Impact pages" className="mt-2 flex items-center justify-between text-sm text-slate-600">
              <span>
                {(page - 1) * PAGE + 1}–{Math.min(page * PAGE, impact.affected.length)} of {impact.affectedCount}
              </span>
              <span className="flex items-center gap-2">
                <Button type="button" variant="secondary" onClick={() => setPage(page - 1)} disabled={page === 1}>
                  Previous
                </Button>
                <span>
                  Page {page} of {pages}
                </span>
                <Button type="button" variant="secondary" onClick={() => setPage(page + 1)} disabled={page === pages}>
                  Next
                </Button>
              </span>
            </nav>
          )}
          {impact.affectedCount > impact.affected.length && (
            <p className="mt-1 text-xs text-slate-500">Showing the first {impact.affected.length}.</p>
          )}
        </div>
      )}
    </section>
  );
}

export function ConflictPanel({
  conflict,
  onKeepMine,
  onReload,
}: {
  conflict: PolicyConflict;
  onKeepMine: () => void;
  onReload: () => void;
}) {
  const latest = conflict.versions[0];
  return (
    <section
      aria-labelledby="conflict-heading"
      className={cn("rounded-md bg-amber-50 p-3 ring-1 ring-amber-200")}
      data-testid="policy-conflict"
    >
      <h3 id="conflict-heading" className="text-sm font-semibold text-amber-900">
        {latest ? (
          <>
            {latest.author} saved version {latest.version} at {formatUtc(latest.at)}: “{latest.note}”
          </>
        ) : (
          <>Someone else saved this policy first.</>
        )}
      </h3>
      {conflict.versions.length > 1 && (
        <ul className="mt-1 list-disc pl-5 text-sm text-amber-900">
          {conflict.versions.slice(1).map((v) => (
            <li key={v.version}>
              {v.author} saved version {v.version} at {formatUtc(v.at)}: “{v.note}”
            </li>
          ))}
        </ul>
      )}
      <p className="mt-1 text-sm text-amber-900">Your edits are still in the form. Nothing was saved.</p>
      <h4 className="mt-3 text-sm font-medium text-slate-900">
        Their change (version {conflict.expectedVersion || "—"} → {conflict.currentVersion})
      </h4>
      <div className="mt-1">
        <ChangeTable changes={conflict.theirChanges} />
      </div>
      <h4 className="mt-3 text-sm font-medium text-slate-900">Your edits compared with version {conflict.currentVersion}</h4>
      <div className="mt-1">
        <ChangeTable changes={conflict.yourChanges} empty="Your edits match their version." />
      </div>
      <div className="mt-3 flex flex-wrap gap-2">
        <Button type="button" variant="secondary" onClick={onReload}>
          Reload their version
        </Button>
        <Button type="button" variant="primary" onClick={onKeepMine}>
          Keep my edits on top of version {conflict.currentVersion}
        </Button>
      </div>
    </section>
  );
}
