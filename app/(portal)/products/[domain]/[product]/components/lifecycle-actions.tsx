"use client";
// The lifecycle buttons the user may press, with an optional note. One form posts the clicked button's
// target state, so the note belongs to whichever move is made; it also works before JavaScript loads.
// Deprecating and retiring cannot be taken back: each opens a confirmation asking for a reason (and, to
// deprecate, the sunset date).
import Link from "next/link";
import { useActionState } from "react";
import { useFormStatus } from "react-dom";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, FormMessage, TextInput } from "@/components/ui/field";
import { CONFIRMED_MOVES } from "@/lib/products/lifecycle";
import type { LifecycleState } from "@/lib/products/types";
import { specPathAnchor } from "@/components/products/spec-path-anchor";
import { moveLifecycleAction } from "../actions";
import { ImpactList } from "@/components/lineage/impact-list";
import type { ImpactOfChange } from "@/lib/lineage/types";

export type AllowedTransition = { to: LifecycleState; label: string };

// Moves that take a product away from consumers look dangerous; publishing is the main path forward.
const VARIANTS: Partial<Record<LifecycleState, "primary" | "danger">> = {
  published: "primary",
  in_review: "primary",
  deprecated: "danger",
  retired: "danger",
};

export function LifecycleActions({
  domain,
  name,
  transitions,
  impact,
}: {
  domain: string;
  name: string;
  transitions: AllowedTransition[];
  /** Who deprecating or retiring reaches, shown before either is confirmed. */
  impact?: ImpactOfChange | null;
}) {
  const confirmed = transitions.filter((t) => CONFIRMED_MOVES[t.to]);
  const plain = transitions.filter((t) => !CONFIRMED_MOVES[t.to]);
  return (
    <div className="space-y-4" data-testid="lifecycle-actions">
      {plain.length > 0 && <PlainMoves domain={domain} name={name} transitions={plain} />}
      {confirmed.length > 0 && (
        <div className="flex flex-wrap gap-2">
          {confirmed.map((t) => (
            <ConfirmedMove key={t.to} domain={domain} name={name} transition={t} impact={impact ?? null} />
          ))}
        </div>
      )}
    </div>
  );
}

/** The earliest sunset the server accepts: tomorrow (UTC), so the date input offers nothing earlier. */
function tomorrow(): string {
  return new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
}

function ConfirmedMove({
  domain,
  name,
  transition,
  impact,
}: {
  domain: string;
  name: string;
  transition: AllowedTransition;
  impact: ImpactOfChange | null;
}) {
  const product = `${domain}/${name}`;
  const deprecate = transition.to === "deprecated";
  return (
    <ConfirmDialog
      action={moveLifecycleAction}
      hidden={{ domain, name, to: transition.to }}
      triggerLabel={`${transition.label}…`}
      title={`${transition.label} ${product}?`}
      consequence={
        <>
          <p>
            {deprecate
              ? `Deprecating ${product} tells every consumer it stops being served on the sunset date. The announcement goes out now and stays in the product's history.`
              : `Retiring ${product} ends it for good: it can no longer be edited, provisioned or published again. This cannot be undone.`}
          </p>
          {!deprecate && impact && impact.downstream.some((p) => p.lifecycle !== "retired") && (
            <p className="mt-2 font-medium">Live products read from it: only a data admin can retire it, with a reason.</p>
          )}
          {impact && (
            <div className="mt-3">
              <ImpactList impact={impact} />
            </div>
          )}
        </>
      }
      confirmLabel={transition.label}
      reasonName="note"
      extraNames={["sunsetOn"]}
      reasonLabel={`Reason for ${deprecate ? "deprecating" : "retiring"}`}
      extra={
        deprecate
          ? (errors) => (
              <Field id={`sunset-${name}`} name="sunsetOn" label="Sunset date" required errors={errors.sunsetOn}>
                <TextInput id={`sunset-${name}`} name="sunsetOn" type="date" required min={tomorrow()} errors={errors.sunsetOn} />
              </Field>
            )
          : undefined
      }
    />
  );
}

function PlainMoves({ domain, name, transitions }: { domain: string; name: string; transitions: AllowedTransition[] }) {
  const [state, formAction] = useActionState(moveLifecycleAction, null);
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="domain" value={domain} />
      <input type="hidden" name="name" value={name} />
      <div>
        <label htmlFor="lifecycle-note" className="mb-1 block text-sm font-medium text-slate-800">
          Note <span className="font-normal text-slate-500">(optional)</span>
        </label>
        <TextInput id="lifecycle-note" name="note" maxLength={1000} placeholder="Why this change, for the history" />
      </div>
      <div className="flex flex-wrap gap-2">
        {transitions.map((t) => (
          <TransitionButton key={t.to} transition={t} />
        ))}
      </div>
      <FormMessage state={state} />
      {state && !state.ok && state.errors && <Findings domain={domain} name={name} errors={state.errors} />}
    </form>
  );
}

/** The publish gate's findings (field errors keyed by spec path), each linked to where it is fixed. */
function Findings({ domain, name, errors }: { domain: string; name: string; errors: Record<string, string[]> }) {
  const base = `/products/${domain}/${name}`;
  const entries = Object.entries(errors).filter(([path]) => path.startsWith("spec.") || path.startsWith("context."));
  if (entries.length === 0) return null;
  return (
    <ul className="space-y-2 text-sm" data-testid="publish-findings">
      {entries.map(([path, messages]) => {
        const anchor = specPathAnchor(path);
        return (
          <li key={path} className="rounded-md bg-red-50 px-3 py-2 text-red-800 ring-1 ring-red-100">
            {messages.map((m, i) => (
              <p key={i}>{m}</p>
            ))}
            <Link
              href={anchor ? `${base}/edit#${anchor}` : `${base}/compliance`}
              className="mt-1 inline-block font-medium text-red-900 underline"
            >
              {anchor ? "Fix" : "See"} <code className="text-xs">{path}</code>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

function TransitionButton({ transition }: { transition: AllowedTransition }) {
  const { pending, data } = useFormStatus();
  const mine = pending && data?.get("to") === transition.to;
  return (
    <Button
      type="submit"
      name="to"
      value={transition.to}
      variant={VARIANTS[transition.to] ?? "secondary"}
      disabled={pending}
      aria-busy={mine}
    >
      {mine ? "Working…" : transition.label}
    </Button>
  );
}
