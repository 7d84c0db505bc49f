"use client";
// A block of text to copy (a command, a snippet, a one-time password) with a Copy button.
import { useState } from "react";

export function CopyBlock({ label, text, testId }: { label: string; text: string; testId?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    // min-w-0: in a grid or flex row the block scrolls inside its column instead of widening the page (390 px).
    <div className="relative min-w-0">
      {/* A scrollable region a keyboard can reach (tabIndex) and a screen reader can name. */}
      <pre
        data-testid={testId}
        role="region"
        aria-label={label}
        tabIndex={0}
        className="overflow-x-auto rounded-md bg-slate-900 p-3 pr-16 text-xs leading-relaxed text-slate-100"
      >
        <code>{text}</code>
      </pre>
      <button
        type="button"
        onClick={() => {
          void navigator.clipboard?.writeText(text).then(
            () => setCopied(true),
            () => setCopied(false),
          );
        }}
        className="absolute right-2 top-2 rounded bg-slate-700 px-2 py-1 text-xs text-white hover:bg-slate-600"
        aria-label={`Copy ${label}`}
      >
        {copied ? "Copied" : "Copy"}
      </button>
    </div>
  );
}
