// One KPI: the figure tied to its label (a <dl>), its trend against the previous period (coloured by
// whether up is good), one plain sentence on what it means, and the exact formula behind "How is this
// computed?". Server component.
import Link from "next/link";
import type { ReactNode } from "react";
import type { Trend } from "@/lib/metrics/formulas";
import { cn } from "@/lib/cn";
import { fmtChange } from "@/components/metrics/format";

export function KpiTile({
  label,
  value,
  trend,
  trendLabel,
  higherIsBetter = true,
  plain,
  definition,
  href,
  note,
  testId,
}: {
  label: string;
  value: ReactNode;
  trend?: Trend;
  trendLabel?: string;
  higherIsBetter?: boolean;
  /** What the figure means, for a reader who never saw the database. */
  plain: string;
  /** The formula and its sources, shown on demand. */
  definition: string;
  href?: string;
  note?: ReactNode;
  testId?: string;
}) {
  return (
    <div className="kpi-tile flex flex-col rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200" data-testid={testId}>
      <dl className="flex flex-col">
        <dt className="text-xs font-medium uppercase tracking-wide text-slate-600">
          {href ? (
            <Link href={href} className="hover:underline">
              {label}
            </Link>
          ) : (
            label
          )}
        </dt>
        <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900" data-testid="kpi-value">
          {value}
        </dd>
      </dl>
      {trend && <TrendLine trend={trend} higherIsBetter={higherIsBetter} label={trendLabel} />}
      {note && <div className="mt-1 text-xs text-slate-600">{note}</div>}
      <p className="mt-2 text-sm leading-snug text-slate-700" data-testid="kpi-plain">
        {plain}
      </p>
      <details className="mt-1 text-xs text-slate-600">
        <summary className="cursor-pointer text-brand-700 hover:underline">How is this computed?</summary>
        <p className="mt-1 leading-snug">{definition}</p>
      </details>
    </div>
  );
}

export function TrendLine({
  trend,
  higherIsBetter,
  label = "vs previous period",
}: {
  trend: Trend;
  higherIsBetter: boolean;
  label?: string;
}) {
  if (trend.direction === "none") return <div className="mt-1 text-xs text-slate-500">No figure for the previous period</div>;
  const arrow = trend.direction === "up" ? "▲" : trend.direction === "down" ? "▼" : "▶";
  const good = trend.direction === "flat" ? null : (trend.direction === "up") === higherIsBetter;
  const change = fmtChange(trend);
  return (
    <div className={cn("mt-1 text-xs font-medium", good === null ? "text-slate-600" : good ? "text-emerald-700" : "text-red-700")}>
      <span aria-hidden="true">{arrow}</span> {trend.direction === "flat" ? "Flat" : change || (trend.direction === "up" ? "Up" : "Down")}{" "}
      <span className="font-normal text-slate-500">{label}</span>
    </div>
  );
}
