"use client";
// The lifecycle buttons the user may press, with an optional note. One form posts the clicked button's
// target state, so the note belongs to whichever move is made; it also works before JavaScript loads.
// Deprecating and retiring cannot be taken back: each opens a confirmation asking for a reason (and, to
// deprecate, the sunset date).
import { useActionState } from "react";
import { useFormStatus } from "react-dom";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, FormMessage, TextInput } from "@/components/ui/field";
import { CONFIRMED_MOVES } from "@/lib/products/lifecycle";
import type { LifecycleState } from "@/lib/products/types";
import { moveLifecycleAction } from "../actions";

export type AllowedTransition = { to: LifecycleState; label: string };

// Moves that take a product away from consumers look dangerous; publishing is the main path forward.
const VARIANTS: Partial<Record<LifecycleState, "primary" | "danger">> = {
  published: "primary",
  in_review: "primary",
  deprecated: "danger",
  retired: "danger",
};

export function LifecycleActions({ domain, name, transitions }: { domain: string; name: string; transitions: AllowedTransition[] }) {
  const confirmed = transitions.filter((t) => CONFIRMED_MOVES[t.to]);
  const plain = transitions.filter((t) => !CONFIRMED_MOVES[t.to]);
  return (
    <div className="space-y-4" data-testid="lifecycle-actions">
      {plain.length > 0 && <PlainMoves domain={domain} name={name} transitions={plain} />}
      {confirmed.length > 0 && (
        <div className="flex flex-wrap gap-2">
          {confirmed.map((t) => (
            <ConfirmedMove key={t.to} domain={domain} name={name} transition={t} />
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

function ConfirmedMove({ domain, name, transition }: { domain: string; name: string; transition: AllowedTransition }) {
  const product = `${domain}/${name}`;
  const deprecate = transition.to === "deprecated";
  return (
    <ConfirmDialog
      action={moveLifecycleAction}
      hidden={{ domain, name, to: transition.to }}
      triggerLabel={`${transition.label}…`}
      title={`${transition.label} ${product}?`}
      consequence={
        deprecate
          ? `Deprecating ${product} tells every consumer it stops being served on the sunset date. The announcement goes out now and stays in the product's history.`
          : `Retiring ${product} ends it for good: it can no longer be edited, provisioned or published again. This cannot be undone.`
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
    </form>
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
