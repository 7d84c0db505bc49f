"use client";
// Server actions refuse bodies over `serverActions.bodySizeLimit` (next.config.js, 2 MB) with an error the
// user would only see as "Something went wrong". Every form is checked here, once for the whole portal,
// before React sends it: an oversized one is stopped and the largest field says why (the browser's own
// validation bubble). Forms with a smaller limit of their own (the product importer) check that first.
import { useEffect } from "react";

/** next.config.js `serverActions.bodySizeLimit` ("2mb"), less room for the multipart framing. */
export const ACTION_BODY_BUDGET = 2 * 1024 * 1024 - 64 * 1024;

const encoder = new TextEncoder();

function entryBytes(value: FormDataEntryValue): number {
  return typeof value === "string" ? encoder.encode(value).length : value.size;
}

/** The form's payload in bytes and the element holding most of it. */
export function measureForm(form: HTMLFormElement): { bytes: number; largest: string | null } {
  let bytes = 0;
  let largest: string | null = null;
  let largestBytes = -1;
  for (const [name, value] of new FormData(form)) {
    const size = entryBytes(value) + encoder.encode(name).length;
    bytes += size;
    if (size > largestBytes) [largest, largestBytes] = [name, size];
  }
  return { bytes, largest };
}

const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;

export function ActionBodyGuard() {
  useEffect(() => {
    const onSubmit = (event: SubmitEvent) => {
      const form = event.target;
      if (!(form instanceof HTMLFormElement)) return;
      const { bytes, largest } = measureForm(form);
      if (bytes <= ACTION_BODY_BUDGET) return;
      // Capture phase on window: runs before React's listener on the root, so nothing is sent.
      event.preventDefault();
      event.stopImmediatePropagation();
      const field = largest ? form.elements.namedItem(largest) : null;
      const message = `This is ${mb(bytes)}; a save may hold at most ${mb(ACTION_BODY_BUDGET)}. Shorten it and try again.`;
      if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) {
        field.setCustomValidity(message);
        field.reportValidity();
        field.addEventListener("input", () => field.setCustomValidity(""), { once: true });
      } else {
        window.alert(message);
      }
    };
    window.addEventListener("submit", onSubmit, { capture: true });
    return () => window.removeEventListener("submit", onSubmit, { capture: true });
  }, []);
  return null;
}
