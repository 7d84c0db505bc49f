// One KPI: the figure, its trend against the previous period (coloured by whether up is good), and its
// definition. Server component.
import Link from "next/link";
import type { ReactNode } from "react";
import type { Trend } from "@/lib/metrics/formulas";
import { cn } from "@/lib/cn";

export function KpiTile({
  label,
  value,
  trend,
  trendLabel,
  higherIsBetter = true,
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
  definition: string;
  href?: string;
  note?: ReactNode;
  testId?: string;
}) {
  return (
    <div className="kpi-tile flex flex-col rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200" data-testid={testId}>
      <div className="text-xs font-medium uppercase tracking-wide text-slate-500">
        {href ? (
          <Link href={href} className="hover:underline">
            {label}
          </Link>
        ) : (
          label
        )}
      </div>
      <div className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">{value}</div>
      {trend && <TrendLine trend={trend} higherIsBetter={higherIsBetter} label={trendLabel} />}
      {note && <div className="mt-1 text-xs text-slate-600">{note}</div>}
      <p className="mt-2 text-xs leading-snug text-slate-500">{definition}</p>
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
  const change = trend.change === null ? "" : `${trend.change > 0 ? "+" : ""}${(trend.change * 100).toFixed(1)} %`;
  return (
    <div className={cn("mt-1 text-xs font-medium", good === null ? "text-slate-600" : good ? "text-emerald-700" : "text-red-700")}>
      <span aria-hidden="true">{arrow}</span> {trend.direction === "flat" ? "Flat" : change || (trend.direction === "up" ? "Up" : "Down")}{" "}
      <span className="font-normal text-slate-500">{label}</span>
    </div>
  );
}
