// The <form> of every policy editor. The editors keep their draft in React state and render every field
// from it, so the draft is what is saved. React 19 resets a form (form.reset()) after its action runs;
// that put each <select> back to its first option ("(inherit)") while the draft still held the chosen
// value, so after "Preview impact" the form showed one value and saved another. Cancelling the reset
// keeps the fields on the draft (a reset is cancelable per the HTML spec); the draft itself resets on a
// new version (use-versioned-draft.ts).
import type { ComponentProps, FormEvent } from "react";

const keepDraft = (e: FormEvent<HTMLFormElement>) => e.preventDefault();

export function DraftForm(props: Omit<ComponentProps<"form">, "onReset">) {
  return <form {...props} onReset={keepDraft} />;
}
