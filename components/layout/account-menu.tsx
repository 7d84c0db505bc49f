"use client";
// The signed-in user's menu: their name and roles open a panel with the developer and account links (API
// tokens, webhooks, the API reference) and "Sign out everywhere". Keeping those behind one button lets the
// navigation fit one line at 1280 px. Like the phone menu it closes on navigation and on Escape.
import { useRef, type ReactNode } from "react";
import { useDismissable } from "./use-dismissable";
import { ChevronDown } from "lucide-react";
import { cn } from "@/lib/cn";

export function AccountMenu({ name, roles, children }: { name: string; roles: string; children: ReactNode }) {
  const root = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useDismissable(root);
  return (
    <div ref={root} className="relative w-full md:w-auto">
      <button
        type="button"
        aria-expanded={open}
        aria-controls="account-menu"
        onClick={() => setOpen((o) => !o)}
        className="flex items-center gap-1.5 rounded-md px-2 py-1 text-left hover:bg-slate-50 md:text-right"
      >
        <span>
          <span className="block font-medium text-slate-900" data-testid="current-user">
            {name}
          </span>
          <span className="block text-xs text-slate-500">{roles}</span>
        </span>
        <ChevronDown aria-hidden="true" className={cn("size-4 text-slate-500 transition-transform", open && "rotate-180")} />
      </button>
      <div
        id="account-menu"
        hidden={!open}
        className="mt-1 flex-col gap-1 rounded-md bg-white p-2 ring-1 ring-slate-200 md:absolute md:right-0 md:z-30 md:w-56 md:shadow-lg [&:not([hidden])]:flex"
      >
        {children}
      </div>
    </div>
  );
}
