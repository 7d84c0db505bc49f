// Date-range picker: preset links and a custom from/to form, all plain GET navigation (works without JS).
import Link from "next/link";
import { RANGE_PRESETS, type DateRange } from "@/lib/metrics/period";
import { cn } from "@/lib/cn";
import { fmtDay } from "@/components/metrics/format";

export function RangePicker({ basePath, range, today }: { basePath: string; range: DateRange; today: string }) {
  const presetLabel: Record<string, string> = { "30d": "30 days", "90d": "90 days", "365d": "12 months" };
  return (
    <div
      className="no-print flex flex-wrap items-end gap-3 rounded-lg bg-white p-3 shadow-sm ring-1 ring-slate-200"
      data-testid="range-picker"
    >
      <nav aria-label="Date range presets" className="flex gap-1">
        {Object.keys(RANGE_PRESETS).map((p) => (
          <Link
            key={p}
            href={`${basePath}?range=${p}`}
            aria-current={range.preset === p ? "true" : undefined}
            className={cn(
              "rounded-md px-2.5 py-1.5 text-sm font-medium ring-1",
              range.preset === p ? "bg-brand-600 text-white ring-brand-600" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50",
            )}
          >
            {presetLabel[p]}
          </Link>
        ))}
      </nav>
      <form action={basePath} method="get" className="flex flex-wrap items-end gap-2">
        <label className="text-xs text-slate-600">
          From
          <input
            type="date"
            name="from"
            defaultValue={range.from}
            max={today}
            required
            className="mt-0.5 block rounded-md border-0 px-2 py-1.5 text-sm ring-1 ring-inset ring-slate-300"
          />
        </label>
        <label className="text-xs text-slate-600">
          To
          <input
            type="date"
            name="to"
            defaultValue={range.to}
            max={today}
            required
            className="mt-0.5 block rounded-md border-0 px-2 py-1.5 text-sm ring-1 ring-inset ring-slate-300"
          />
        </label>
        <button
          type="submit"
          className="rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50"
        >
          Apply
        </button>
      </form>
      <p className="text-xs text-slate-500" data-testid="range-label">
        {fmtDay(range.from)} – {fmtDay(range.to)} ({range.days} days), compared with the {range.days} days before
      </p>
    </div>
  );
}
