import type { ReactNode } from "react";
import { cn } from "@/lib/cn";

/** A table that scrolls sideways on a phone instead of overflowing the page. */
export function Table({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <div className="overflow-x-auto rounded-lg ring-1 ring-slate-200">
      <table className={cn("min-w-full divide-y divide-slate-200 bg-white text-sm", className)}>{children}</table>
    </div>
  );
}
export function Th({ children, className }: { children?: ReactNode; className?: string }) {
  return (
    <th
      scope="col"
      className={cn("bg-slate-50 px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600", className)}
    >
      {children}
    </th>
  );
}
export function Td({ children, className }: { children?: ReactNode; className?: string }) {
  return <td className={cn("px-3 py-2 align-top text-slate-800", className)}>{children}</td>;
}
