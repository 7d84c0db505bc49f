// The <form> of a form whose fields are all controlled (their values live in React state) and whose
// action is a function (useActionState). React 19 resets such a form (form.reset()) after the action
// runs; a controlled <select> then shows its first option while the state keeps the chosen value, so the
// form shows one value and submits another (https://github.com/facebook/react/issues/30580). Cancelling
// the reset (it is cancelable per the HTML spec) keeps every field on the state; a form that wants to
// clear a field after success clears its state.
import type { ComponentProps, FormEvent } from "react";

const keepState = (e: FormEvent<HTMLFormElement>) => e.preventDefault();

export function ControlledForm(props: Omit<ComponentProps<"form">, "onReset">) {
  return <form {...props} onReset={keepState} />;
}
