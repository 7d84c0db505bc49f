import type { ReactNode } from "react";
import { cn } from "@/lib/cn";

/**
 * A table that scrolls sideways on a phone instead of overflowing the page. `stacked`: below md each row
 * becomes a card and each cell shows its column name (Td's `label`), for tables whose last column holds
 * the actions a phone user must reach without scrolling sideways (the requests inbox).
 */
export function Table({ children, className, stacked }: { children: ReactNode; className?: string; stacked?: boolean }) {
  return (
    // `relative`: a visually hidden (absolutely positioned) header inside would otherwise be placed against
    // the page, outside this scroll box, and widen the whole page on a phone.
    // tabIndex: a keyboard user can scroll a table wider than the screen (axe: scrollable-region-focusable).
    <div
      tabIndex={stacked ? undefined : 0}
      className={cn(
        "relative rounded-lg ring-1 ring-slate-200 focus-visible:outline-2 focus-visible:outline-brand-500",
        stacked ? "max-md:ring-0" : "overflow-x-auto",
      )}
    >
      <table
        className={cn(
          "min-w-full divide-y divide-slate-200 bg-white text-sm",
          stacked &&
            "max-md:block max-md:bg-transparent max-md:[&_tbody]:block max-md:[&_tbody]:space-y-3 max-md:[&_thead]:hidden max-md:[&_tr]:block max-md:[&_tr]:rounded-lg max-md:[&_tr]:bg-white max-md:[&_tr]:py-2 max-md:[&_tr]:ring-1 max-md:[&_tr]:ring-slate-200 max-md:[&_td]:block",
          className,
        )}
      >
        {children}
      </table>
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
/** `label`: the column's name, shown above the value when a `stacked` table is a card (phones). */
export function Td({ children, className, label }: { children?: ReactNode; className?: string; label?: string }) {
  return (
    <td className={cn("px-3 py-2 align-top text-slate-800", className)}>
      {label && <span className="mb-0.5 block text-xs font-semibold uppercase tracking-wide text-slate-500 md:hidden">{label}</span>}
      {children}
    </td>
  );
}
