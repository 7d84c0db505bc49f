"use client";
// The lifecycle buttons the user may press, with an optional note. One form posts the clicked button's
// target state, so the note belongs to whichever move is made; it also works before JavaScript loads.
import { useActionState } from "react";
import { useFormStatus } from "react-dom";
import { Button } from "@/components/ui/button";
import { FormMessage, TextInput } from "@/components/ui/field";
import type { LifecycleState } from "@/lib/products/types";
import { moveLifecycleAction } from "../actions";

export type AllowedTransition = { to: LifecycleState; label: string };

// Moves that take a product away from consumers look dangerous; publishing is the main path forward.
const VARIANTS: Partial<Record<LifecycleState, "primary" | "danger">> = { published: "primary", in_review: "primary", deprecated: "danger", retired: "danger" };

export function LifecycleActions({ domain, name, transitions }: { domain: string; name: string; transitions: AllowedTransition[] }) {
  const [state, formAction] = useActionState(moveLifecycleAction, null);
  return (
    <form action={formAction} className="space-y-3" data-testid="lifecycle-actions">
      <input type="hidden" name="domain" value={domain} />
      <input type="hidden" name="name" value={name} />
      <div>
        <label htmlFor="lifecycle-note" className="mb-1 block text-sm font-medium text-slate-800">
          Note <span className="font-normal text-slate-500">(optional)</span>
        </label>
        <TextInput id="lifecycle-note" name="note" maxLength={1000} placeholder="Why this change, for the history" />
      </div>
      <div className="flex flex-wrap gap-2">
        {transitions.map((t) => <TransitionButton key={t.to} transition={t} />)}
      </div>
      <FormMessage state={state} />
    </form>
  );
}

function TransitionButton({ transition }: { transition: AllowedTransition }) {
  const { pending, data } = useFormStatus();
  const mine = pending && data?.get("to") === transition.to;
  return (
    <Button type="submit" name="to" value={transition.to} variant={VARIANTS[transition.to] ?? "secondary"} disabled={pending} aria-busy={mine}>
      {mine ? "Working…" : transition.label}
    </Button>
  );
}
