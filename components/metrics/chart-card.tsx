// A chart with its definition and a CSV download of exactly the data it plots.
import type { ReactNode } from "react";
import { cn } from "@/lib/cn";

export function ChartCard({
  title,
  definition,
  csvHref,
  children,
  testId,
  className,
}: {
  title: string;
  definition?: string;
  csvHref: string;
  children: ReactNode;
  testId?: string;
  className?: string;
}) {
  return (
    <section className={cn("chart-card min-w-0 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200", className)} data-testid={testId}>
      <header className="mb-2 flex flex-wrap items-start justify-between gap-2">
        <h2 className="text-base font-semibold text-slate-900">{title}</h2>
        {/* A plain link: the route answers with a CSV attachment. */}
        <a
          href={csvHref}
          className="no-print rounded-md px-2 py-1 text-xs font-medium text-brand-700 ring-1 ring-slate-300 hover:bg-slate-50"
          download
        >
          Download CSV<span className="sr-only"> of {title}</span>
        </a>
      </header>
      {children}
      {definition && <p className="mt-2 text-xs leading-snug text-slate-500">{definition}</p>}
    </section>
  );
}
