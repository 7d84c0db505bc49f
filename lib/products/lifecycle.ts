// The lifecycle state machine: draft → in review → published → deprecated → retired.
import type { LifecycleState } from "@/lib/products/types";

export type Transition = { to: LifecycleState; label: string; /** who may trigger it */ gate: "editor" | "owner" };

export const TRANSITIONS: Record<LifecycleState, Transition[]> = {
  draft: [{ to: "in_review", label: "Submit for review", gate: "editor" }],
  in_review: [
    { to: "published", label: "Publish", gate: "owner" },
    { to: "draft", label: "Send back to draft", gate: "owner" },
  ],
  published: [{ to: "deprecated", label: "Deprecate", gate: "owner" }],
  deprecated: [
    { to: "published", label: "Un-deprecate", gate: "owner" },
    { to: "retired", label: "Retire", gate: "owner" },
  ],
  retired: [],
};

export function findTransition(from: LifecycleState, to: LifecycleState): Transition | undefined {
  return TRANSITIONS[from].find((t) => t.to === to);
}

/**
 * Moves that take a product away from its consumers for good. Each needs a reason (kept in the
 * history and the audit log); a deprecation also announces the date it stops being served.
 */
export const CONFIRMED_MOVES: Partial<Record<LifecycleState, { sunset: boolean }>> = {
  deprecated: { sunset: true },
  retired: { sunset: false },
};

export type MoveDetails = { note: string; sunsetOn: string | null };

/** The product being moved, as move-lifecycle.ts hands it to the checks that run inside the move's transaction. */
export type MovingProduct = { id: string; domain: string; name: string; from: LifecycleState };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export const MAX_NOTE_CHARS = 1000;

/**
 * Checks the note (any move), the reason and sunset date a confirmed move needs; returns field errors
 * (keyed by form field) or the details to store. `today` is the UTC date (YYYY-MM-DD); a sunset must lie
 * after it. The one place these rules live: the action passes the form's text as it is.
 */
export function checkMoveDetails(
  to: LifecycleState,
  input: { note?: string; sunsetOn?: string | null },
  today: string,
): { ok: true; details: MoveDetails } | { ok: false; errors: Record<string, string[]> } {
  const note = (input.note ?? "").trim();
  const rule = CONFIRMED_MOVES[to];
  const errors: Record<string, string[]> = {};
  if (note.length > MAX_NOTE_CHARS) errors.note = [`Keep the note under ${MAX_NOTE_CHARS} characters.`];
  else if (rule && note === "")
    errors.note = [
      `Give a reason: ${to === "retired" ? "retiring" : "deprecating"} cannot be undone by consumers, and the reason goes into the product's history.`,
    ];
  const sunsetOn = (input.sunsetOn ?? "").trim();
  if (rule?.sunset) {
    if (sunsetOn === "") errors.sunsetOn = ["Choose the sunset date: the day consumers lose access."];
    else if (!ISO_DATE.test(sunsetOn) || !isRealDate(sunsetOn)) errors.sunsetOn = ["Enter the sunset date as YYYY-MM-DD."];
    else if (sunsetOn <= today) errors.sunsetOn = ["The sunset date must be in the future."];
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, details: { note, sunsetOn: rule?.sunset ? sunsetOn : null } };
}
