"use client";
// Time-series chart (recharts) for the dashboards. Before printing it re-renders at a fixed A4 width, so
// printed charts fit the page instead of keeping the screen's width.
import { useEffect, useState } from "react";
import { flushSync } from "react-dom";
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type SeriesDef = { key: string; label: string; color: string; kind?: "line" | "bar"; axis?: "left" | "right" };
/** A numbered marker at a bucket (the list under the charts says what happened), and a target line. */
export type ChartMarker = { x: string; n: number };
export type ChartTarget = { y: number; label: string };

const PRINT_WIDTH = 680;

function usePrinting(): boolean {
  const [printing, setPrinting] = useState(false);
  useEffect(() => {
    const before = () => flushSync(() => setPrinting(true));
    const after = () => setPrinting(false);
    window.addEventListener("beforeprint", before);
    window.addEventListener("afterprint", after);
    return () => {
      window.removeEventListener("beforeprint", before);
      window.removeEventListener("afterprint", after);
    };
  }, []);
  return printing;
}

const tickDate = (v: string) => {
  const d = new Date(`${v}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? v : d.toLocaleDateString("en", { month: "short", day: "numeric", timeZone: "UTC" });
};
const tickMonth = (v: string) => {
  const d = new Date(`${v}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? v : d.toLocaleDateString("en", { month: "short", year: "numeric", timeZone: "UTC" });
};

/**
 * A y domain with a fixed top (100 %) and an "auto" bottom, resolved from the data: recharts rounds an
 * "auto" end to a "nice" step and then stretches the axis past the fixed top (102 %), so the bottom is
 * computed here (the lowest value rounded down) and both ends are kept as given.
 */
export function resolveDomain(
  domain: [number | "auto" | "dataMin" | "dataMax", number | "auto" | "dataMin" | "dataMax"] | undefined,
  data: Array<Record<string, string | number | null>>,
  keys: string[],
  /** Values that must stay in view besides the data (a target line). */
  also: number[] = [],
): [number | "auto" | "dataMin" | "dataMax", number | "auto" | "dataMin" | "dataMax"] {
  if (!domain || domain[0] !== "auto" || typeof domain[1] !== "number") return domain ?? [0, "auto"];
  const values = [...data.flatMap((d) => keys.map((k) => d[k])), ...also].filter((v): v is number => typeof v === "number");
  if (values.length === 0) return [0, domain[1]];
  return [Math.max(0, Math.floor(Math.min(...values)) - 1), domain[1]];
}

export function TimeSeriesChart({
  data,
  series,
  xKey = "bucket",
  monthly = false,
  yDomain,
  yUnit = "",
  rightUnit = "",
  height = 240,
  label,
  integer = false,
  markers = [],
  target,
}: {
  data: Array<Record<string, string | number | null>>;
  series: SeriesDef[];
  xKey?: string;
  monthly?: boolean;
  yDomain?: [number | "auto" | "dataMin" | "dataMax", number | "auto" | "dataMin" | "dataMax"];
  yUnit?: string;
  rightUnit?: string;
  height?: number;
  label: string;
  /** counts: no fractional ticks */
  integer?: boolean;
  markers?: ChartMarker[];
  target?: ChartTarget;
}) {
  const printing = usePrinting();
  const hasRight = series.some((s) => s.axis === "right");
  const chart = (
    // The figure is one image with a label: recharts' own keyboard layer would put focus inside it.
    <ComposedChart
      accessibilityLayer={false}
      data={data}
      margin={{ top: 8, right: hasRight ? 0 : 8, bottom: 0, left: 0 }}
      width={printing ? PRINT_WIDTH : undefined}
      height={printing ? height : undefined}
    >
      <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
      <XAxis dataKey={xKey} tickFormatter={monthly ? tickMonth : tickDate} tick={{ fontSize: 11 }} minTickGap={16} />
      {/* A fixed upper bound (100 % availability) is kept as given: recharts would otherwise round the
          axis up to a "nice" 102. */}
      <YAxis
        yAxisId="left"
        domain={resolveDomain(
          yDomain,
          data,
          series.filter((x) => (x.axis ?? "left") === "left").map((x) => x.key),
          target ? [target.y] : [],
        )}
        allowDataOverflow={typeof yDomain?.[1] === "number"}
        tick={{ fontSize: 11 }}
        width={48}
        unit={yUnit}
        allowDecimals={!integer}
      />
      {hasRight && (
        <YAxis yAxisId="right" orientation="right" tick={{ fontSize: 11 }} width={44} unit={rightUnit} allowDecimals={!integer} />
      )}
      <Tooltip
        labelFormatter={(v) => (monthly ? tickMonth(String(v)) : `Week/day of ${String(v)}`)}
        formatter={(v) => (typeof v === "number" ? Math.round(v * 100) / 100 : v)}
      />
      <Legend wrapperStyle={{ fontSize: 12 }} />
      {markers.map((m) => (
        <ReferenceLine
          key={`${m.x}-${m.n}`}
          x={m.x}
          yAxisId="left"
          stroke="#94a3b8"
          strokeDasharray="2 2"
          label={{ value: String(m.n), position: "insideTopLeft", fontSize: 11, fill: "#475569" }}
        />
      ))}
      {target && (
        <ReferenceLine
          y={target.y}
          yAxisId="left"
          stroke="#dc2626"
          strokeDasharray="4 3"
          label={{ value: target.label, position: "insideBottomRight", fontSize: 11, fill: "#b91c1c" }}
        />
      )}
      {series.map((s) =>
        s.kind === "bar" ? (
          <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} yAxisId={s.axis ?? "left"} isAnimationActive={!printing} />
        ) : (
          <Line
            key={s.key}
            dataKey={s.key}
            name={s.label}
            stroke={s.color}
            strokeWidth={2}
            dot={false}
            connectNulls
            yAxisId={s.axis ?? "left"}
            isAnimationActive={!printing}
          />
        ),
      )}
    </ComposedChart>
  );
  return (
    <figure role="img" aria-label={label} className="chart w-full">
      {printing ? (
        chart
      ) : (
        <ResponsiveContainer width="100%" height={height}>
          {chart}
        </ResponsiveContainer>
      )}
    </figure>
  );
}
