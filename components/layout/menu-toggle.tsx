"use client";
// On small screens the navigation and the user's controls fold behind a "Menu" button; from md up they
// are always shown. The menu closes when the page changes, so a tapped link does not leave it open.
import type { ReactNode } from "react";
import { useDismissable } from "./use-dismissable";
import { Menu, X } from "lucide-react";
import { cn } from "@/lib/cn";

export function MenuToggle({ children, unread = 0 }: { children: ReactNode; unread?: number }) {
  const [open, setOpen] = useDismissable();
  return (
    <>
      <button
        type="button"
        aria-expanded={open}
        aria-controls="site-menu"
        onClick={() => setOpen((o) => !o)}
        className="ml-auto inline-flex items-center gap-1.5 rounded-md px-2.5 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50 md:hidden"
      >
        {open ? <X aria-hidden="true" className="size-4" /> : <Menu aria-hidden="true" className="size-4" />}
        Menu
        {unread > 0 && (
          <span className="rounded-full bg-red-600 px-1.5 py-0.5 text-xs font-semibold leading-none text-white">
            {unread > 99 ? "99+" : unread}
            <span className="sr-only"> unread notifications</span>
          </span>
        )}
      </button>
      <div
        id="site-menu"
        className={cn(
          "w-full flex-col gap-3 border-t border-slate-200 pt-3 md:flex md:w-auto md:flex-1 md:flex-row md:items-center md:border-0 md:pt-0",
          open ? "flex" : "hidden",
        )}
      >
        {children}
      </div>
    </>
  );
}
